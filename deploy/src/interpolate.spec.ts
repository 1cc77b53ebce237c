import { interpolate, interpolateDocument, InterpolationError, referencedVariables } from './interpolate';

describe('Compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['${UNSET}', ''],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-http://app:6080/livekit/webhook}', 'http://app:6080/livekit/webhook'],
    ['$${SET} costs $$5', '${SET} costs $5'],
  ])('expands %s to "%s"', (text, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('fails on a required variable that is missing, as docker compose does', () => {
    expect(() => interpolate('${UNSET:?set it in .env}', env)).toThrow(InterpolationError);
    expect(() => interpolate('${EMPTY:?set it}', env)).toThrow('EMPTY');
    expect(interpolate('${EMPTY?set it}', env)).toBe('');
  });

  it('rejects syntax it does not model instead of guessing', () => {
    expect(() => interpolate('${SET/a/b}', env)).toThrow('unsupported operator');
    expect(() => interpolate('${SET', env)).toThrow('unclosed');
    expect(() => interpolate('cost: $5', env)).toThrow('$$');
  });

  it('interpolates every string value of a document but no key', () => {
    const doc = { '${SET}': ['${SET}', 3, { nested: '${UNSET:-d}' }], flag: true };
    expect(interpolateDocument(doc, env)).toEqual({ '${SET}': ['value', 3, { nested: 'd' }], flag: true });
  });

  it('lists the variables a text refers to, also inside defaults, but not escaped ones', () => {
    expect(referencedVariables('${A:-${B}} $C $${D} ${E:?x}')).toEqual(['A', 'B', 'C', 'E']);
  });
});
