import { completionOf, RecordingCompletions } from './recording-completions';
import { RecordingRecord } from './recording-record';

const ended: RecordingRecord = {
  egressId: 'EG_1',
  roomName: 'Test Room',
  roomId: 'RM_abc123',
  name: 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4',
  status: 'complete',
  updatedAt: 1_795_000_062_500,
  startedAt: 1_795_000_000_000,
  recordingStartedAt: 1_795_000_001_000,
  endedAt: 1_795_000_061_000,
  durationMs: 60_250,
  sizeBytes: 4096,
  startedBy: 'Zoë',
  stoppedBy: 'operator',
};

describe('completionOf', () => {
  it('says when the file began (not when the recorder was asked), how long, how big, and who', () => {
    expect(completionOf(ended)).toEqual({
      name: ended.name,
      egressId: 'EG_1',
      outcome: 'complete',
      startedAt: 1_795_000_001_000,
      endedAt: 1_795_000_061_000,
      durationMs: 60_250,
      sizeBytes: 4096,
      startedBy: 'Zoë',
      stoppedBy: 'operator',
    });
  });

  it.each([
    ['failed', 'failed'],
    ['aborted', 'failed'],
    ['limit_reached', 'complete'],
  ] as const)('reports a recording that ended %s as %s (a file written, then a limit, is kept whole)', (status, outcome) => {
    expect(completionOf({ ...ended, status }).outcome).toBe(outcome);
  });

  it('falls back to when the recorder was asked, when the file never said when it began', () => {
    expect(completionOf({ ...ended, recordingStartedAt: undefined }).startedAt).toBe(1_795_000_000_000);
  });
});

describe('RecordingCompletions', () => {
  it('hands every completion to every listener, in order, and fails with a listener that fails', async () => {
    const completions = new RecordingCompletions();
    const heard: string[] = [];
    completions.listen(async (completion) => void heard.push(`a:${completion.egressId}`));
    completions.listen(async (completion) => void heard.push(`b:${completion.egressId}`));
    await completions.completed(ended);
    expect(heard).toEqual(['a:EG_1', 'b:EG_1']);
    completions.listen(() => Promise.reject(new Error('storage down')));
    await expect(completions.completed(ended)).rejects.toThrow('storage down');
  });
});
