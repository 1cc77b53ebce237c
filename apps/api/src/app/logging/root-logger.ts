import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';

import { AppConfig } from '../config/app-config';

/** Defence in depth: request and response objects are never logged whole, but if one is, these never leave. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
];

/**
 * The process's one pino logger: `LOG_FORMAT=json` writes one JSON object per line (for log collectors),
 * `text` (the default) readable lines for a terminal through pino-pretty. `destination`: where lines go
 * instead of stdout (tests capture them).
 */
export function createRootLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (config.logFormat === 'json') return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
  return pino(
    options,
    pretty({
      destination: destination ?? 1,
      sync: true,
      colorize: destination === undefined && process.stdout.isTTY,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
    }),
  );
}
