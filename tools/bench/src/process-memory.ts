import { readFileSync, writeFileSync } from 'node:fs';

const KIB = 1024;

/** Resident memory of a live process from Linux's /proc, in bytes. */
export function residentBytes(pid: number): { current: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { current: field(status, 'VmRSS'), peak: field(status, 'VmHWM') };
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]) * KIB;
}

/**
 * Follows a process's resident memory through one phase. VmHWM is reset at the start (clear_refs 5), so
 * the kernel's own peak covers spikes between two samples; the samples still count where that reset is
 * not allowed.
 */
export class PeakRssProbe {
  private highest = 0;
  private readonly peakWasReset: boolean;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 20,
  ) {
    this.peakWasReset = resetPeak(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; the highest resident memory seen, in bytes. */
  finish(): number {
    clearInterval(this.timer);
    this.sample();
    if (this.peakWasReset) this.highest = Math.max(this.highest, residentBytes(this.pid).peak);
    return this.highest;
  }

  private sample(): void {
    try {
      this.highest = Math.max(this.highest, residentBytes(this.pid).current);
    } catch {
      // the process is gone; the phase itself reports that
    }
  }
}

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
