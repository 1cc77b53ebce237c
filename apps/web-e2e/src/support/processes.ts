import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Processes on this machine whose command line contains `text` (the test's own process excepted). */
export function processesMentioning(text: string): number[] {
  return pids().filter((pid) => pid !== process.pid && (commandLine(pid)?.includes(text) ?? false));
}

/** The recorder's Chromium: its browser process (the one whose parent is not itself a Chromium of that folder) first. */
export function recorderChromium(workDir: string): { root?: number; all: number[] } {
  const all = processesMentioning(`--user-data-dir=${workDir}/`);
  return { root: all.find((pid) => !all.includes(parentOf(pid) ?? -1)), all };
}

/**
 * SIGKILLs `victims` and waits until they are gone. The caller picks them by their command line (never by a
 * program's name: other people's browsers run on this machine too).
 */
export async function killAndWait(victims: readonly number[], timeoutMs = 10_000): Promise<void> {
  for (const pid of victims) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (victims.some(isAlive) && Date.now() < deadline) await sleep(50);
}

export function isAlive(pid: number): boolean {
  const state = stat(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const parent = Number(stat(pid)?.[1]);
  return Number.isFinite(parent) ? parent : undefined;
}
