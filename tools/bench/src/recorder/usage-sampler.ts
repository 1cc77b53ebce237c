import { performance } from 'node:perf_hooks';

import { allProcesses, GroupCpu, machineBusySeconds, memoryOf, ProcessStat } from './process-usage';

/** The processes of one recording run, found again at every sample. */
export type ProcessGroups = Record<'recorder' | 'api' | 'participants' | 'livekit', (processes: readonly ProcessStat[]) => number[]>;

export interface MemorySample {
  /** Seconds since the sampler started. */
  atS: number;
  /** The recorder's processes (Chromium's tree and ffmpeg): proportional and resident memory, summed. */
  pssBytes: number;
  rssBytes: number;
  processes: number;
  /** The API's own resident memory (it receives the media chunks and uploads the file). */
  apiRssBytes: number;
}

export interface UsageFigures {
  seconds: number;
  /** CPU time over wall time: 1 is one core busy the whole time. */
  cores: Record<keyof ProcessGroups | 'machine', number>;
  memory: MemorySample[];
  /** The recorder's processes at the last sample, by executable name: what its CPU and memory figures add up. */
  recorderProcesses: Record<string, number>;
}

/**
 * Samples the CPU time of each group and the recorder's memory every `intervalMs` from `start()` to `stop()`, from
 * /proc. Reading /proc costs this process a little; it is not in any group.
 */
export class UsageSampler {
  private readonly cpu: Record<keyof ProcessGroups, GroupCpu>;
  private readonly memory: MemorySample[] = [];
  private timer?: NodeJS.Timeout;
  private recorderProcesses: Record<string, number> = {};
  private startedAt = 0;
  private machineFrom = 0;

  constructor(
    private readonly groups: ProcessGroups,
    private readonly intervalMs: number,
  ) {
    this.cpu = {
      recorder: new GroupCpu(groups.recorder),
      api: new GroupCpu(groups.api),
      participants: new GroupCpu(groups.participants),
      livekit: new GroupCpu(groups.livekit),
    };
  }

  start(): void {
    const processes = allProcesses();
    this.startedAt = performance.now();
    this.machineFrom = machineBusySeconds();
    for (const group of Object.values(this.cpu)) group.start(processes);
    this.record(processes);
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): UsageFigures {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cores = (cpuSeconds: number) => cpuSeconds / seconds;
    return {
      seconds,
      cores: {
        recorder: cores(this.cpu.recorder.seconds),
        api: cores(this.cpu.api.seconds),
        participants: cores(this.cpu.participants.seconds),
        livekit: cores(this.cpu.livekit.seconds),
        machine: cores(machineBusySeconds() - this.machineFrom),
      },
      memory: this.memory,
      recorderProcesses: this.recorderProcesses,
    };
  }

  private sample(): void {
    const processes = allProcesses();
    for (const group of Object.values(this.cpu)) group.sample(processes);
    this.record(processes);
  }

  private record(processes: readonly ProcessStat[]): void {
    const recorder = new Set(this.groups.recorder(processes));
    const members = processes.filter(({ pid }) => recorder.has(pid));
    this.recorderProcesses = {};
    for (const { name } of members) this.recorderProcesses[name] = (this.recorderProcesses[name] ?? 0) + 1;
    this.memory.push({
      atS: (performance.now() - this.startedAt) / 1000,
      ...memoryOf([...recorder]),
      processes: members.length,
      apiRssBytes: memoryOf(this.groups.api(processes)).rssBytes,
    });
  }
}
