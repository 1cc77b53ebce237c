import { FakeTrack } from '../testing/fake-session';
import {
  arrangeStage,
  chooseFocus,
  GRID_CAPACITY,
  gridShape,
  initialsOf,
  layoutFrom,
  StageParticipant,
  STRIP_CAPACITY,
} from './stage-layout';

function person(identity: string, overrides: Partial<StageParticipant> = {}): StageParticipant {
  return { identity, name: identity.toUpperCase(), microphoneOn: true, speaking: false, audioLevel: 0, ...overrides };
}

const camera = () => new FakeTrack();
const ids = (participants: readonly StageParticipant[]) => participants.map((participant) => participant.identity);

describe('layoutFrom', () => {
  it.each([
    ['grid', 'grid'],
    ['speaker', 'speaker'],
    ['single-speaker', 'single-speaker'],
    ['speaker-light', 'speaker'],
    ['single-speaker-dark', 'single-speaker'],
    ['', 'grid'],
    [null, 'grid'],
    ['presentation', 'grid'],
    ['SPEAKER', 'grid'],
  ])('reads %j as %j', (value, layout) => expect(layoutFrom(value)).toBe(layout));
});

describe('chooseFocus', () => {
  it('is nobody in an empty room', () => expect(chooseFocus([])).toBeUndefined());

  it('is the loudest of those speaking', () => {
    const people = [person('a', { speaking: true, audioLevel: 0.2 }), person('b', { speaking: true, audioLevel: 0.7 }), person('c')];
    expect(chooseFocus(people)).toBe('b');
  });

  it('stays on the one shown while they still speak, even when another is louder (no flapping)', () => {
    const people = [person('a', { speaking: true, audioLevel: 0.2 }), person('b', { speaking: true, audioLevel: 0.7 })];
    expect(chooseFocus(people, 'a')).toBe('a');
  });

  it('moves to the one speaking when the one shown stops', () => {
    expect(chooseFocus([person('a', { lastSpokeAt: 5 }), person('b', { speaking: true, audioLevel: 0.1 })], 'a')).toBe('b');
  });

  it('stays on the one who spoke last when nobody speaks', () => {
    expect(chooseFocus([person('a', { lastSpokeAt: 10 }), person('b', { lastSpokeAt: 20 })], 'a')).toBe('a');
    expect(chooseFocus([person('a', { lastSpokeAt: 10 }), person('b', { lastSpokeAt: 20 })])).toBe('b');
    // The one shown left: the last of the others who spoke.
    expect(chooseFocus([person('a', { lastSpokeAt: 10 }), person('b', { lastSpokeAt: 20 })], 'gone')).toBe('b');
  });

  it('when nobody has spoken, is the first with a camera, else the first to join', () => {
    expect(chooseFocus([person('a'), person('b', { video: camera() }), person('c', { video: camera() })])).toBe('b');
    expect(chooseFocus([person('a'), person('b')])).toBe('a');
    // A camera turned on moves the picture away from a camera-less first guess…
    expect(chooseFocus([person('a'), person('b', { video: camera() })], 'a')).toBe('b');
    // …but not away from someone with a camera.
    expect(chooseFocus([person('a', { video: camera() }), person('b', { video: camera() })], 'b')).toBe('b');
  });
});

describe('gridShape', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [4, 2, 2],
    [5, 3, 2],
    [6, 3, 2],
    [7, 3, 3],
    [9, 3, 3],
    [10, 4, 3],
    [16, 4, 4],
  ])('puts %i tiles in %i columns and %i rows', (count, columns, rows) => expect(gridShape(count)).toEqual({ columns, rows }));
});

describe('arrangeStage', () => {
  const people = [person('a'), person('b', { video: camera() }), person('c')];

  it('is empty without people, in every layout', () => {
    for (const layout of ['grid', 'speaker', 'single-speaker'] as const)
      expect(arrangeStage(layout, [], undefined)).toEqual({ kind: 'empty' });
  });

  it('grid: everyone, in the order they joined', () => {
    const stage = arrangeStage('grid', people, 'b');
    expect(stage.kind === 'grid' && { tiles: ids(stage.tiles), hidden: stage.hidden, columns: stage.columns, rows: stage.rows }).toEqual({
      tiles: ['a', 'b', 'c'],
      hidden: 0,
      columns: 2,
      rows: 2,
    });
  });

  it('speaker: the focus large, the others in the strip', () => {
    const stage = arrangeStage('speaker', people, 'b');
    expect(stage.kind === 'focus' && { main: stage.main.identity, strip: ids(stage.strip) }).toEqual({ main: 'b', strip: ['a', 'c'] });
  });

  it('single-speaker: the focus alone', () => {
    const stage = arrangeStage('single-speaker', people, 'c');
    expect(stage.kind === 'focus' && { main: stage.main.identity, strip: ids(stage.strip) }).toEqual({ main: 'c', strip: [] });
  });

  it('falls back to the first person when the focus is not in the room', () => {
    const stage = arrangeStage('single-speaker', people, 'gone');
    expect(stage.kind === 'focus' && stage.main.identity).toBe('a');
  });

  it('keeps a place for "+N more" when the grid is full, showing those who spoke or have a camera first', () => {
    const crowd = Array.from({ length: GRID_CAPACITY + 4 }, (_, index) => person(`p${index}`));
    const late = [...crowd.slice(0, -1), person('talker', { lastSpokeAt: 1 })];
    const stage = arrangeStage('grid', late, undefined);
    if (stage.kind !== 'grid') throw new Error(stage.kind);
    expect(stage.tiles).toHaveLength(GRID_CAPACITY - 1);
    expect(stage.hidden).toBe(5);
    expect(ids(stage.tiles)).toContain('talker');
    expect(ids(stage.tiles).at(-1)).toBe('talker');
    expect(gridShape(GRID_CAPACITY)).toEqual({ columns: stage.columns, rows: stage.rows });
  });

  it('keeps a place for "+N more" when the strip is full', () => {
    const crowd = Array.from({ length: STRIP_CAPACITY + 3 }, (_, index) => person(`p${index}`));
    const stage = arrangeStage('speaker', crowd, 'p0');
    if (stage.kind !== 'focus') throw new Error(stage.kind);
    expect(stage.strip).toHaveLength(STRIP_CAPACITY - 1);
    expect(stage.hidden).toBe(crowd.length - 1 - (STRIP_CAPACITY - 1));
  });
});

describe('initialsOf', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['bob', 'B'],
    ['  jean  paul   sartre ', 'JS'],
    ['李小龙', '李'],
    ['émile zola', 'ÉZ'],
    ['😀 Smile', '😀S'],
    ['   ', '?'],
  ])('%j → %j', (name, initials) => expect(initialsOf(name)).toBe(initials));
});
