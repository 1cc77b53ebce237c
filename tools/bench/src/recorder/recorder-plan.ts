import { WORKLOAD } from '../workload';

/** One recording of the run: who publishes what, and the recorder's picture. */
export interface RecorderCell {
  participants: number;
  /** RECORDER_VIDEO, e.g. `1280x720@30`; the participants publish the same size and rate. */
  video: string;
  source: 'camera' | 'av-sync';
  seconds: number;
}

export interface RecorderPlan {
  cells: RecorderCell[];
  /** The long A/V sync recording, or none. */
  sync?: RecorderCell;
}

const VIDEO = /^(\d+)x(\d+)@(\d+)$/;

export function parseVideo(video: string): { width: number; height: number; frameRate: number } {
  const match = VIDEO.exec(video);
  if (!match) throw new Error(`"${video}" is not <width>x<height>@<fps>`);
  return { width: Number(match[1]), height: Number(match[2]), frameRate: Number(match[3]) };
}

export const cellLabel = (cell: Pick<RecorderCell, 'participants' | 'video' | 'source'>): string =>
  `${cell.participants} × ${cell.video}${cell.source === 'av-sync' ? ' (A/V sync source)' : ''}`;

/**
 * The matrix and the sync run of WORKLOAD.recorder, shortened for development by the environment:
 * `BENCH_RECORDER_SECONDS` (per cell), `BENCH_RECORDER_CELLS` (e.g. `2:1280x720@30,1:640x360@15`; `none` for none)
 * and `BENCH_SYNC_SECONDS` (0: no sync run).
 */
export function recorderPlan(environment: NodeJS.ProcessEnv = process.env): RecorderPlan {
  const plan = WORKLOAD.recorder;
  const seconds = whole(environment['BENCH_RECORDER_SECONDS'], plan.recordSeconds, 'BENCH_RECORDER_SECONDS');
  const syncSeconds = whole(environment['BENCH_SYNC_SECONDS'], plan.sync.seconds, 'BENCH_SYNC_SECONDS');
  const chosen = environment['BENCH_RECORDER_CELLS']?.trim();
  let cells: RecorderCell[];
  if (chosen === 'none') {
    cells = [];
  } else if (chosen) {
    cells = chosen.split(',').map((text) => {
      const [participants, video] = text.trim().split(':');
      parseVideo(video ?? '');
      if (!/^[1-9]\d?$/.test(participants)) throw new Error(`BENCH_RECORDER_CELLS: "${text}" is not <participants>:<W>x<H>@<fps>`);
      return { participants: Number(participants), video, source: 'camera' as const, seconds };
    });
  } else {
    cells = plan.videos.flatMap((video) =>
      plan.participants.map((participants) => ({ participants, video, source: 'camera' as const, seconds })),
    );
  }
  const sync = syncSeconds > 0 ? { participants: 1, video: plan.sync.video, source: 'av-sync' as const, seconds: syncSeconds } : undefined;
  return { cells, sync };
}

function whole(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text.trim() === '') return fallback;
  if (!/^\d+$/.test(text.trim())) throw new Error(`${name} must be a whole number of seconds, not "${text}"`);
  return Number(text);
}
