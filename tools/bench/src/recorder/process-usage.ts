import { processUsage } from '@recording/embedded-recorder';

import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in these ticks on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

/** One live process as /proc/<pid>/stat describes it. */
export interface ProcessStat {
  pid: number;
  ppid: number;
  /** The executable's name (15 characters at most), e.g. `chromium`, `ffmpeg`. */
  name: string;
  /** Ticks since boot at which it started: with the pid, it tells a process from a later one given the same pid. */
  startTicks: number;
  /** User + system CPU time so far, in seconds. */
  cpuSeconds: number;
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    // After the name: state, ppid, … utime (12th), stime (13th), … starttime (20th).
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      name: stat.slice(open + 1, close),
      startTicks: Number(fields[19]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // gone in between
  }
}

/** Every live process, read once: a consistent picture for one sample. */
export function allProcesses(): ProcessStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcessStat => stat !== undefined);
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** `roots` and every process below them. */
export function withDescendants(roots: readonly number[], processes: readonly ProcessStat[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = [...new Set(roots)];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []).filter((pid) => !tree.includes(pid)));
  return tree;
}

/** Processes whose command line holds `text` (a working folder, say), with everything below them. */
export function treesMentioning(text: string, processes: readonly ProcessStat[]): number[] {
  const roots = processes.filter(({ pid }) => pid !== process.pid && commandLine(pid).includes(text)).map(({ pid }) => pid);
  return withDescendants(roots, processes);
}

/** This process's children running `name` (e.g. `chromium`), with everything below them. */
export function childTreesNamed(name: string, processes: readonly ProcessStat[]): number[] {
  const roots = processes.filter((stat) => stat.ppid === process.pid && stat.name === name).map(({ pid }) => pid);
  return withDescendants(roots, processes);
}

/**
 * CPU time a group of processes used from `start` on. Members are found again at every sample (a renderer may
 * come later), each counted from where it stood at the start, or from zero when it started later; one that exits
 * keeps what it had used at its last sample.
 */
export class GroupCpu {
  private readonly from = new Map<string, number>();
  private readonly latest = new Map<string, number>();
  private started = false;

  constructor(private readonly members: (processes: readonly ProcessStat[]) => number[]) {}

  start(processes: readonly ProcessStat[]): void {
    this.started = true;
    this.visit(processes, true);
  }

  sample(processes: readonly ProcessStat[]): void {
    if (this.started) this.visit(processes, false);
  }

  /** CPU seconds used by the group since `start`. */
  get seconds(): number {
    let total = 0;
    for (const [key, cpu] of this.latest) total += cpu - (this.from.get(key) ?? 0);
    return total;
  }

  private visit(processes: readonly ProcessStat[], atStart: boolean): void {
    const byPid = new Map(processes.map((stat) => [stat.pid, stat]));
    for (const pid of this.members(processes)) {
      const stat = byPid.get(pid);
      if (!stat) continue;
      const key = `${pid}:${stat.startTicks}`;
      if (!this.from.has(key)) this.from.set(key, atStart ? stat.cpuSeconds : 0);
      this.latest.set(key, stat.cpuSeconds);
    }
  }
}

/** Busy CPU time of the whole machine so far (every process, anyone's), in seconds summed over the cores. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  // idle and iowait (4th and 5th) are not busy.
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** Resident (RSS) and proportional (PSS: shared pages split between their users) memory of processes, in bytes. */
export function memoryOf(pids: readonly number[]): { rssBytes: number; pssBytes: number } {
  // The recorder's own reading of /proc, as its sessions report their usage.
  const { rssBytes, pssBytes } = processUsage(pids);
  return { rssBytes, pssBytes };
}
