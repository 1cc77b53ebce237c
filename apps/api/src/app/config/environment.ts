import { RECORDINGS_PLAYBACK_MODES, RecordingsPlayback } from '@recording/contracts';

import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { availableParallelism } from 'node:os';

import { IsDuration } from './duration';
import { IsRecorderVideo, RECORDER_MODES, RecorderMode } from './recorder-settings';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value);

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^(?:true|1|false|0)$/i.test(value.trim()) ? /^(?:true|1)$/i.test(value.trim()) : value;

const LIVEKIT_URL_PATTERN = /^(https?|wss?):\/\/[^\s/?#]+(\/[^\s?#]*)?$/i;

/** The secret of LiveKit's `--dev` mode, the default here: anyone can sign with it. */
export const DEVELOPMENT_LIVEKIT_SECRET = 'secret';
/** Shortest secret accepted in production (and for SESSION_SECRET always): 32 random characters resist guessing. */
export const MIN_SECRET_LENGTH = 32;

/** A duration as LiveKit's AccessToken accepts it: seconds, or a number with s/m/h/d (e.g. `6h`, `90m`). */
const TOKEN_TTL_PATTERN = /^\d+(?:\s*(?:s|m|h|d))?$/;

/**
 * The environment variables of the contract, validated once at start-up. Unknown variables are ignored;
 * every bad one is reported at once by {@link validateEnvironment}.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a port number (1-65535)' })
  @Min(1, { message: 'must be a port number (1-65535)' })
  @Max(65535, { message: 'must be a port number (1-65535)' })
  SERVER_PORT = 6080;

  @IsOptional()
  @Matches(LIVEKIT_URL_PATTERN, { message: 'must be an http(s):// or ws(s):// URL' })
  LIVEKIT_URL = 'http://localhost:7880';

  @IsOptional()
  @Matches(LIVEKIT_URL_PATTERN, { message: 'must be an http(s):// or ws(s):// URL' })
  LIVEKIT_PUBLIC_URL?: string;

  /**
   * A livekit-server binary for development (npm start sets it when the scripts built one): started by the API
   * when LIVEKIT_URL points at this machine and nothing answers there.
   */
  @IsOptional()
  @Matches(/^\//, { message: 'must be an absolute path' })
  LIVEKIT_SERVER_BIN?: string;

  /** The ffmpeg that makes posters; default: `ffmpeg` found on PATH (Debian's package). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  FFMPEG_PATH = 'ffmpeg';

  /** Where FFMPEG_PATH is looked up; the only variable ffmpeg itself is given. */
  @IsOptional()
  @IsString()
  PATH?: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  LIVEKIT_API_KEY = 'devkey';

  /** Signs and verifies every LiveKit token and webhook; with NODE_ENV=production it must be a real one. */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  LIVEKIT_API_SECRET = DEVELOPMENT_LIVEKIT_SECRET;

  @IsOptional()
  @Matches(/^[a-z0-9]{3,24}$/, { message: 'must be a storage account name (3-24 lowercase letters and digits)' })
  AZURE_ACCOUNT_NAME?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be a base64 storage account key' })
  AZURE_ACCOUNT_KEY?: string;

  @IsOptional()
  @Matches(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'must be a container name (3-63 lowercase letters, digits and single dashes)',
  })
  AZURE_CONTAINER_NAME = 'openvidu-appdata';

  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/i, { message: 'must be an http(s):// URL' })
  AZURE_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^(?:[A-Za-z0-9_.-]+\/)*$/, {
    message: 'must be empty or a blob prefix ending with "/" (letters, digits, "_", ".", "-" per segment)',
  })
  @Matches(/^(?!.*(?:^|\/)\.{1,2}\/)/, { message: 'must not contain "." or ".." segments' })
  RECORDINGS_PATH = 'recordings/';

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of bytes (1 or more)' })
  @Min(1, { message: 'must be a whole number of bytes (1 or more)' })
  RECORDING_FILE_PORTION_SIZE = 5 * 1024 * 1024;

  @IsOptional()
  @Matches(TOKEN_TTL_PATTERN, { message: 'must be a duration such as 6h, 90m, 3600s or 3600' })
  TOKEN_TTL = '6h';

  /** `room`: recordings need a credential (Access in the contract); `open`: the original tutorial's openness. */
  @IsOptional()
  @IsIn(['room', 'open'], { message: 'must be "room" or "open"' })
  AUTH_MODE: 'room' | 'open' = 'room';

  /** Enables the operator sign-in; long enough that guessing it within the rate limit is hopeless. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  @MaxLength(1024, { message: 'must be at most 1024 characters' })
  OPERATOR_SECRET?: string;

  /** Key material for cookies and share links; default: derived from LIVEKIT_API_SECRET. */
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` })
  @MaxLength(1024, { message: 'must be at most 1024 characters' })
  SESSION_SECRET?: string;

  /** Requests per minute per client address on token, sign-in and recording mutations; 0 turns the limit off. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of requests per minute (0: off)' })
  @Min(0, { message: 'must be a whole number of requests per minute (0: off)' })
  RATE_LIMIT = 120;

  /** Comma-separated origins (`https://app.example.com`) allowed to call the API from their pages. */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s/?#,]+\s*(?:,\s*https?:\/\/[^\s/?#,]+\s*)*$/i, {
    message: 'must be a comma-separated list of origins such as https://app.example.com',
  })
  CORS_ORIGINS?: string;

  /**
   * Proxies in front of the app whose X-Forwarded-For/-Proto are believed (Express "trust proxy"): a hop count, or
   * addresses, subnets and `loopback`/`linklocal`/`uniquelocal`, comma-separated. Decides the client address of the
   * rate limit and whether a request came over HTTPS (Secure cookies).
   */
  @IsOptional()
  @Matches(/^\s*(?:\d{1,2}|[0-9A-Za-z.:/]+(?:\s*,\s*[0-9A-Za-z.:/]+)*)\s*$/, {
    message: 'must be a hop count or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY?: string;

  /**
   * With NODE_ENV=production the embedded Azurite runs only when asked for: a deployment that forgot the
   * account would otherwise keep recordings on a container's disk without a word.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_EMBEDDED_STORAGE = false;
  /** `direct`: the SPA plays and downloads through short-lived read-only SAS URLs (GET /recordings/:name/url). */
  @IsOptional()
  @IsIn(RECORDINGS_PLAYBACK_MODES, { message: 'must be "proxy" or "direct"' })
  RECORDINGS_PLAYBACK: RecordingsPlayback = 'proxy';

  /** Lifetime of a SAS URL from GET /recordings/:name/url (a player asks again when one expires). */
  @IsOptional()
  @IsDuration({ min: '1m', max: '1d' })
  PLAYBACK_URL_TTL = '10m';

  /** How often the recordings index is checked against storage (recordings that arrived without a webhook). */
  @IsOptional()
  @IsDuration({ min: '1s', max: '1d' })
  RECORDINGS_SWEEP_INTERVAL = '2m';

  /** A recording still starting after this is stopped and reported failed, with a reason a user can act on. */
  @IsOptional()
  @IsDuration({ min: '1s', max: '1h' })
  RECORDING_START_TIMEOUT = '60s';

  /**
   * Who records: `egress` (LiveKit Egress), `embedded` (the API's own recorder: headless Chromium and ffmpeg on this
   * machine), or `auto` (Egress when the LiveKit has one connected, else the embedded recorder).
   */
  @IsOptional()
  @IsIn(RECORDER_MODES, { message: 'must be "auto", "egress" or "embedded"' })
  RECORDER: RecorderMode = 'auto';

  /** The recording template's URL as Egress reaches it; given to Egress as customBaseUrl. Unset: Egress's own template. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/i, { message: 'must be an http(s):// URL without a query, e.g. http://app:6080/recording-template' })
  RECORDING_TEMPLATE_URL?: string;

  /** Embedded recordings at once (each is a Chromium and an ffmpeg); default: one per two cores, at least one. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 32' })
  @Min(1, { message: 'must be a whole number from 1 to 32' })
  @Max(32, { message: 'must be a whole number from 1 to 32' })
  RECORDER_MAX_CONCURRENT = Math.max(1, Math.floor(availableParallelism() / 2));

  /** The embedded recorder's picture: width x height @ frames per second. */
  @IsOptional()
  @IsRecorderVideo()
  RECORDER_VIDEO = '1280x720@30';

  /** The Chromium the embedded recorder renders the template in. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** Where the embedded recorder writes what it captures until it is uploaded (kept across restarts to finish it). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  RECORDER_WORK_DIR = '.data/recorder';

  /**
   * Where Egress writes its MP4: `azure` (Egress uploads it with the account in the request) or `volume` (into
   * EGRESS_VOLUME_PATH, a folder shared with this app, which uploads it with its own credentials when the egress ends).
   */
  @IsOptional()
  @IsIn(['azure', 'volume'], { message: 'must be "azure" or "volume"' })
  EGRESS_OUTPUT: 'azure' | 'volume' = 'azure';

  /** The folder Egress and this app share for EGRESS_OUTPUT=volume (the same path in both containers). */
  @IsOptional()
  @Matches(/^\/[^\0]*$/, { message: 'must be an absolute path' })
  EGRESS_VOLUME_PATH?: string;

  /** Port of the embedded Azurite started when no storage account is configured. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a port number (0-65535)' })
  @Min(0, { message: 'must be a port number (0-65535)' })
  @Max(65535, { message: 'must be a port number (0-65535)' })
  AZURITE_PORT = 10000;

  /** Where the embedded Azurite keeps its data. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AZURITE_LOCATION = '.data/azurite';

  /** Folder of the built SPA; default: `../web/browser` beside the API bundle. */
  @IsOptional()
  @IsString()
  WEB_ROOT?: string;

  @IsOptional()
  @IsIn(['text', 'json'], { message: 'must be "text" or "json"' })
  LOG_FORMAT: 'text' | 'json' = 'text';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Only `production` matters here: it refuses the embedded Azurite unless asked for, and weak secrets. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}.`);
    this.name = 'InvalidConfigurationError';
  }
}

/**
 * Validates the environment; throws one error naming every bad variable (never echoing values, which may
 * be secrets). An empty variable counts as unset, as `VAR=` in a compose or .env file means.
 */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const input = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''),
  );
  const variables = plainToInstance(EnvironmentVariables, input, { exposeDefaultValues: true });
  const problems = validateSync(variables).map(describeProblem);
  if (Boolean(variables.AZURE_ACCOUNT_NAME) !== Boolean(variables.AZURE_ACCOUNT_KEY)) {
    problems.push('AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY must be set together (or both left unset for the embedded Azurite)');
  }
  if (variables.AZURE_ENDPOINT && !variables.AZURE_ACCOUNT_NAME) {
    problems.push('AZURE_ENDPOINT needs AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY');
  }
  if (variables.NODE_ENV === 'production' && !variables.AZURE_ACCOUNT_NAME && !variables.ALLOW_EMBEDDED_STORAGE) {
    problems.push(
      'no storage account is configured and NODE_ENV is production: set AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY ' +
        '(and AZURE_ENDPOINT outside the public Azure cloud), or set ALLOW_EMBEDDED_STORAGE=true to keep recordings ' +
        'in the embedded Azurite on this machine on purpose (AZURITE_LOCATION must then be on a persistent volume)',
    );
  }
  if (variables.NODE_ENV === 'production' && isWeakLiveKitSecret(variables.LIVEKIT_API_SECRET)) {
    problems.push(
      `LIVEKIT_API_SECRET is the development default or shorter than ${MIN_SECRET_LENGTH} characters and NODE_ENV is ` +
        'production: with it anyone can mint LiveKit admin tokens and forge webhooks (and cookies and share links ' +
        `unless SESSION_SECRET is set); set a random secret of ${MIN_SECRET_LENGTH}+ characters (e.g. openssl rand -hex ` +
        '32), the same in LiveKit and Egress',
    );
  }
  if (variables.EGRESS_OUTPUT === 'volume' && !variables.EGRESS_VOLUME_PATH) {
    problems.push('EGRESS_OUTPUT=volume needs EGRESS_VOLUME_PATH, the folder Egress writes to and this app reads from');
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return variables;
}

/** The development default, or too short to be a random secret: refused in production, warned about elsewhere. */
export function isWeakLiveKitSecret(secret: string): boolean {
  return secret === DEVELOPMENT_LIVEKIT_SECRET || secret.length < MIN_SECRET_LENGTH;
}

function describeProblem(error: ValidationError): string {
  const reasons = [...new Set(Object.values(error.constraints ?? {}))];
  return `${error.property} ${reasons.join(', ')}`;
}
