import { parseVideo, recorderPlan } from './recorder-plan';

describe('recorderPlan', () => {
  it('is the whole matrix and the 5-minute sync run by default', () => {
    const plan = recorderPlan({});
    expect(plan.cells.map((cell) => `${cell.participants}:${cell.video}`)).toEqual([
      '1:1280x720@30',
      '2:1280x720@30',
      '4:1280x720@30',
      '1:640x360@15',
      '2:640x360@15',
      '4:640x360@15',
    ]);
    expect(plan.cells.every((cell) => cell.source === 'camera' && cell.seconds === 50)).toBe(true);
    expect(plan.sync).toEqual({ participants: 1, video: '1280x720@30', source: 'av-sync', seconds: 300 });
  });

  it('is shortened from the environment for development', () => {
    const plan = recorderPlan({
      BENCH_RECORDER_SECONDS: '10',
      BENCH_RECORDER_CELLS: '2:1280x720@30, 4:640x360@15',
      BENCH_SYNC_SECONDS: '0',
    });
    expect(plan.cells).toEqual([
      { participants: 2, video: '1280x720@30', source: 'camera', seconds: 10 },
      { participants: 4, video: '640x360@15', source: 'camera', seconds: 10 },
    ]);
    expect(plan.sync).toBeUndefined();
    expect(recorderPlan({ BENCH_RECORDER_CELLS: 'none', BENCH_SYNC_SECONDS: '60' })).toEqual({
      cells: [],
      sync: { participants: 1, video: '1280x720@30', source: 'av-sync', seconds: 60 },
    });
  });

  it('refuses what it cannot read, naming the variable', () => {
    expect(() => recorderPlan({ BENCH_RECORDER_SECONDS: '1m' })).toThrow(/BENCH_RECORDER_SECONDS/);
    expect(() => recorderPlan({ BENCH_RECORDER_CELLS: '2x1280x720@30' })).toThrow(/not <width>x<height>@<fps>/);
    expect(() => recorderPlan({ BENCH_RECORDER_CELLS: '0:640x360@15' })).toThrow(/BENCH_RECORDER_CELLS/);
  });

  it('reads a picture size and rate', () => {
    expect(parseVideo('640x360@15')).toEqual({ width: 640, height: 360, frameRate: 15 });
  });
});
