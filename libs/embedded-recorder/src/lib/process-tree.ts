import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in these ticks on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  /** Processes counted (still alive). */
  processes: number;
  /** User + system CPU time they have used so far, in seconds. */
  cpuSeconds: number;
  /** Resident memory summed over the processes (counts shared pages once per process). */
  rssBytes: number;
  /** Proportional set size: shared pages split between their users, so the sum is the real footprint. */
  pssBytes: number;
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after it are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function livePids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of livePids()) {
    const parent = Number(statFields(pid)?.[1]);
    if (!Number.isFinite(parent)) continue;
    const siblings = children.get(parent) ?? [];
    siblings.push(pid);
    children.set(parent, siblings);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** Processes whose command line contains `text` (e.g. a session folder), this process excepted. */
export function processesMentioning(text: string): number[] {
  return livePids().filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });
}

export function processUsage(pids: readonly number[]): ProcessUsage {
  const usage: ProcessUsage = { processes: 0, cpuSeconds: 0, rssBytes: 0, pssBytes: 0 };
  for (const pid of new Set(pids)) {
    const fields = statFields(pid);
    if (!fields) continue;
    usage.processes++;
    usage.cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    usage.rssBytes += kilobytes(`/proc/${pid}/status`, 'VmRSS') * 1024;
    usage.pssBytes += kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss') * 1024;
  }
  return usage;
}

function kilobytes(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Sends `signal` to each process; those already gone are skipped. */
export function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Alive and not a zombie waiting for its parent to read its exit. */
export function isAlive(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

export function parentPid(pid: number): number | undefined {
  const parent = Number(statFields(pid)?.[1]);
  return Number.isFinite(parent) ? parent : undefined;
}
