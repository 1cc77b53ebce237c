import { ValidateBy, ValidationOptions } from 'class-validator';

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `250ms`, `90s`, `10m`, `2h`, `1d`, or a bare number of seconds; undefined when it is none of these. */
export function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 's'];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** A duration {@link durationMs} reads, within bounds; the message names them. */
export function IsDuration(bounds: { min: string; max: string }, options?: ValidationOptions): PropertyDecorator {
  const [min, max] = [durationMs(bounds.min)!, durationMs(bounds.max)!];
  return ValidateBy(
    {
      name: 'isDuration',
      validator: {
        validate: (value: unknown) => {
          const ms = typeof value === 'string' ? durationMs(value) : undefined;
          return ms !== undefined && ms >= min && ms <= max;
        },
        defaultMessage: () => `must be a duration from ${bounds.min} to ${bounds.max}, such as 90s, 10m or 2h`,
      },
    },
    options,
  );
}
