import { validateSync } from 'class-validator';

import { durationMs, IsDuration } from './duration';

describe('durationMs', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['30', 30_000],
    [' 5 m ', 300_000],
  ])('reads %j as %i ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  it.each(['', 'm', '-5s', '1.5m', '10 minutes', '5w', '99999999999999999999d'])('refuses %j', (text) =>
    expect(durationMs(text)).toBeUndefined(),
  );
});

describe('IsDuration', () => {
  class Settings {
    @IsDuration({ min: '1m', max: '1h' })
    value: unknown;
  }
  const problems = (value: unknown) => validateSync(Object.assign(new Settings(), { value })).length;

  it('accepts durations within the bounds and refuses the rest, naming the bounds', () => {
    expect(problems('1m')).toBe(0);
    expect(problems('3600')).toBe(0);
    expect(problems('59s')).toBe(1);
    expect(problems('2h')).toBe(1);
    expect(problems(42)).toBe(1);
    expect(Object.values(validateSync(Object.assign(new Settings(), { value: 'x' }))[0].constraints ?? {})[0]).toContain('from 1m to 1h');
  });
});
