import { DEFAULT_RECORDING_LAYOUT, isRecordingLayout, RECORDING_LAYOUTS } from './recording-layout';

describe('isRecordingLayout', () => {
  it.each(RECORDING_LAYOUTS)('accepts %j', (layout) => expect(isRecordingLayout(layout)).toBe(true));

  it.each([
    ['empty', ''],
    ['another case', 'Grid'],
    ["Egress's light variant (not ours)", 'grid-light'],
    ['padded', ' speaker'],
    ['a prototype key', 'toString'],
    ['not a string', 1],
    ['an array holding one', ['grid']],
    ['undefined', undefined],
  ])('rejects %s', (_label, value) => expect(isRecordingLayout(value)).toBe(false));

  it('has a default among the layouts', () => expect(isRecordingLayout(DEFAULT_RECORDING_LAYOUT)).toBe(true));
});
