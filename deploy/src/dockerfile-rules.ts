import { Copy, DockerfileParser, From, Healthcheck, Instruction, Keyword, PropertyInstruction } from 'dockerfile-ast';
import { posix } from 'node:path';

export interface Stage {
  from: From;
  name?: string;
  instructions: Instruction[];
}

export interface DockerfileFacts {
  stages: Stage[];
  /** Instructions the parser does not know (typos such as `EXPOSES`). */
  unknownInstructions: string[];
}

/** What the app image must look like; `port` is the app's SERVER_PORT. */
export interface ImageExpectations {
  port: number;
  nodeMajor: number;
}

const KNOWN = new Set<string>(Object.values(Keyword));
const SECRET_NAME = /(KEY|SECRET|PASSWORD|TOKEN|CONNECTION_STRING)/i;

export function parseDockerfile(text: string): DockerfileFacts {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof From) stages.push({ from: instruction, name: instruction.getBuildStage() ?? undefined, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return { stages, unknownInstructions: instructions.map((i) => i.getKeyword()).filter((keyword) => !KNOWN.has(keyword)) };
}

/** Every way the Dockerfile breaks the image rules; empty when it is fine. */
export function checkDockerfile(text: string, expected: ImageExpectations): string[] {
  const { stages, unknownInstructions } = parseDockerfile(text);
  const problems = unknownInstructions.map((keyword) => `unknown instruction ${keyword}`);
  if (stages.length < 2) return [...problems, `the build must be multi-stage (found ${stages.length} stage)`];

  const stageNames = new Set(stages.map((stage) => stage.name).filter(Boolean));
  for (const { from } of stages) {
    const image = from.getImage() ?? '';
    if (stageNames.has(image)) continue;
    const major = new RegExp(`^node:${expected.nodeMajor}(?:[.-]|$)`);
    if (!major.test(image)) problems.push(`base image "${image}" is not the official node:${expected.nodeMajor} image`);
  }

  const all = stages.flatMap((stage) => stage.instructions);
  for (const run of all.filter((i) => i.getKeyword() === 'RUN')) {
    if (/\bnpm\s+ci\b/.test(run.getArgumentsContent() ?? '')) problems.push('`npm ci` rejects the committed lock file: use `npm install`');
  }
  for (const instruction of all.filter(
    (i): i is PropertyInstruction => i instanceof PropertyInstruction && /^(ENV|ARG)$/.test(i.getKeyword()),
  )) {
    for (const property of instruction.getProperties()) {
      if (SECRET_NAME.test(property.getName()) && property.getValue()) {
        problems.push(`${instruction.getKeyword()} ${property.getName()} bakes a secret into the image: pass it at run time`);
      }
    }
  }

  for (const instruction of all.filter((i) => /^(CMD|ENTRYPOINT|HEALTHCHECK|RUN)$/.test(i.getKeyword()))) {
    const content = (instruction.getArgumentsContent() ?? '').replace(/^(--\S+\s+)*(CMD\s+)?/, '');
    if (content.startsWith('[') && !isJsonStringArray(content)) {
      problems.push(
        `${instruction.getKeyword()} looks like exec form but is not a JSON array of strings: Docker would run it through a shell`,
      );
    }
  }

  const final = stages[stages.length - 1];
  const users = final.instructions.filter((i) => i.getKeyword() === 'USER');
  const user = users.at(-1)?.getArgumentsContent()?.split(':')[0].trim();
  if (!user || user === 'root' || user === '0') problems.push('the final stage must switch to a non-root USER');

  const exposed = final.instructions.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue()));
  if (!exposed.some((port) => port.split('/')[0] === String(expected.port))) problems.push(`the final stage must EXPOSE ${expected.port}`);

  problems.push(...checkFfmpeg(final));

  const healthcheck = final.instructions.find((i): i is Healthcheck => i instanceof Healthcheck);
  if (!healthcheck || healthcheck.getSubcommand()?.getValue().toUpperCase() !== 'CMD')
    problems.push('the final stage needs a HEALTHCHECK CMD');
  else if (!/\/health\b/.test(healthcheck.getArgumentsContent() ?? '')) problems.push('the HEALTHCHECK must probe GET /health');

  problems.push(...checkLayout(final));
  return problems;
}

/**
 * Posters need ffmpeg in the image: Debian's package (security updates from Debian, unlike a static build), without
 * recommended extras, and no apt lists left behind.
 */
function checkFfmpeg(final: Stage): string[] {
  const install = final.instructions
    .filter((i) => i.getKeyword() === 'RUN')
    .map((i) => i.getArgumentsContent() ?? '')
    .find((run) => /\bapt-get\s+install\b[^&;|]*\sffmpeg\b/.test(run));
  if (!install) return ["the final stage must install Debian's ffmpeg (apt-get install -y --no-install-recommends ffmpeg)"];
  const problems: string[] = [];
  if (!/apt-get\s+install\b[^&;|]*--no-install-recommends/.test(install))
    problems.push('ffmpeg must be installed with --no-install-recommends');
  if (!/rm\s+-rf\s+\/var\/lib\/apt\/lists/.test(install))
    problems.push('the ffmpeg install must remove /var/lib/apt/lists in the same RUN');
  return problems;
}

/** The API bundle resolves the SPA as ../web/browser next to main.js, so both must be copied that way. */
function checkLayout(final: Stage): string[] {
  const workdir =
    final.instructions
      .filter((i) => i.getKeyword() === 'WORKDIR')
      .at(-1)
      ?.getArgumentsContent()
      ?.trim() ?? '/';
  const destinationOf = (sourceSuffix: string) => {
    const copy = final.instructions.find(
      (i): i is Copy =>
        i instanceof Copy &&
        i
          .getArguments()
          .slice(0, -1)
          .some((a) => a.getValue().replace(/\/$/, '').endsWith(sourceSuffix)),
    );
    const args = copy?.getArguments();
    return args ? posix.resolve(workdir, args[args.length - 1].getValue()) : undefined;
  };
  const api = destinationOf('dist/apps/api');
  const web = destinationOf('dist/apps/web/browser');
  const problems: string[] = [];
  if (!api) problems.push('the final stage does not copy dist/apps/api');
  if (!web) problems.push('the final stage does not copy dist/apps/web/browser');
  if (api && web && posix.resolve(api, '../web/browser') !== web)
    problems.push(`the SPA lands in ${web}, but the API looks for it in ${posix.resolve(api, '../web/browser')}`);

  const command = [...final.instructions].reverse().find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
  const mainJs = api && posix.join(posix.relative(workdir, api), 'main.js');
  if (!command || !mainJs || !(command.getArgumentsContent() ?? '').includes(mainJs))
    problems.push(`the image must start the API with node ${mainJs ?? 'dist/apps/api/main.js'}`);
  return problems;
}

function isJsonStringArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
