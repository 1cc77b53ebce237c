import type { ChildProcess } from 'node:child_process';

type Stopper = () => Promise<void>;

const stoppers: Stopper[] = [];
const children = new Set<ChildProcess>();
let stopping: Promise<void> | undefined;

/** Registers how to stop something started by the bench; stopped last-started first. */
export function stopOnShutdown(stop: Stopper): void {
  stoppers.push(stop);
}

/** A child that must not outlive the bench even when it dies abruptly (the 'exit' hook is synchronous). */
export function killOnExit(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/**
 * Stoppers of one part of the run (its own stack), stopped when that part ends — so the next part measures a
 * machine without it — or at shutdown, whichever comes first.
 */
export class StopScope {
  private readonly own: Stopper[] = [];
  private done = false;

  constructor() {
    stopOnShutdown(() => this.stop());
  }

  add(stop: Stopper): void {
    this.own.push(stop);
  }

  async stop(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const stop of this.own.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`  (while stopping: ${(error as Error).message})`));
    }
  }
}

/** True once stopping began: the run must not start anything new. */
export function isShuttingDown(): boolean {
  return stopping !== undefined;
}

export function shutdown(): Promise<void> {
  stopping ??= (async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`  (while stopping: ${(error as Error).message})`));
    }
  })();
  return stopping;
}

/**
 * Ctrl+C, a terminal closing, a kill or the overall time limit: stop every child, then leave with a failing
 * code, so an interrupted run is never mistaken for a passing one.
 */
export function installShutdownHandlers(overallLimitMs: number): void {
  const abort = (reason: string, code: number) => {
    console.error(`\n✖ ${reason}: stopping the stack…`);
    void shutdown().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('Interrupted', 130));
  process.once('SIGTERM', () => abort('Terminated', 143));
  process.once('SIGHUP', () => abort('Hung up', 129));
  setTimeout(() => abort(`The run took longer than ${overallLimitMs / 1000} s`, 1), overallLimitMs).unref();
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}
