import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** CPU time (user and system) a live process has used so far, in seconds, from Linux's /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces: the fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name and state.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds a process spent per GB (10^9 bytes) served, over every call timed with it. */
export class CpuPerGigabyte {
  private seconds = 0;
  private bytes = 0;

  constructor(private readonly pid: number) {}

  async around<T>(call: () => Promise<T>, bytesOf: (result: T) => number): Promise<T> {
    const before = cpuSeconds(this.pid);
    const result = await call();
    this.seconds += cpuSeconds(this.pid) - before;
    this.bytes += bytesOf(result);
    return result;
  }

  get value(): number {
    return this.bytes === 0 ? Number.NaN : this.seconds / (this.bytes / 1e9);
  }
}
