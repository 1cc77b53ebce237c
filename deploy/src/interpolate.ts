/**
 * Docker Compose variable interpolation, as `docker compose` applies it to every string of the file:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}`, nested expressions in the default/alt part, and `$$` for a literal `$`.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(text: string, env: Environment): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(text, i + 1);
      out += expand(text.slice(i + 2, close), env);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) throw new InterpolationError(`invalid interpolation at "${text.slice(i, i + 12)}": use $$ for a literal $`);
      out += env[name] ?? '';
      i += 1 + name.length;
    }
  }
  return out;
}

/** Names of the variables a text refers to, including those only used inside a default or alternative. */
export function referencedVariables(text: string): string[] {
  const withoutEscapes = text.replace(/\$\$/g, '');
  const names = new Set<string>();
  for (const match of withoutEscapes.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return [...names].sort();
}

/** Applies {@link interpolate} to every string value of a parsed YAML document (keys are left alone, as Compose does). */
export function interpolateDocument<T>(value: T, env: Environment): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateDocument(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, interpolateDocument(item, env)]),
    ) as T;
  }
  return value;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new InterpolationError(`unclosed "\${" in "${text.slice(open - 1, open + 30)}"`);
}

function expand(expression: string, env: Environment): string {
  const name = NAME.exec(expression)?.[0];
  if (!name) throw new InterpolationError(`invalid variable name in "\${${expression}}"`);
  const rest = expression.slice(name.length);
  const value = env[name];
  if (rest === '') return value ?? '';
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (!operator) throw new InterpolationError(`unsupported operator in "\${${expression}}"`);
  const argument = rest.slice(operator.length);
  const setAndNonEmpty = value !== undefined && value !== '';
  switch (operator) {
    case ':-':
      return setAndNonEmpty ? value : interpolate(argument, env);
    case '-':
      return value !== undefined ? value : interpolate(argument, env);
    case ':?':
      if (!setAndNonEmpty) throw new InterpolationError(`required variable ${name} is missing a value: ${argument}`);
      return value;
    case '?':
      if (value === undefined) throw new InterpolationError(`required variable ${name} is missing a value: ${argument}`);
      return value;
    case ':+':
      return setAndNonEmpty ? interpolate(argument, env) : '';
    default:
      return value !== undefined ? interpolate(argument, env) : '';
  }
}
