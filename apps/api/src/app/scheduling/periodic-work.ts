import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * The API's periodic work (the recordings index sweep, the reconciler's sweep) on Nest's scheduler: each job runs
 * once at once and then at its interval, never twice at the same time, and not at all once shutdown began; shutdown
 * waits for the runs under way. A run that fails is logged; the next one tries again.
 */
@Injectable()
export class PeriodicWork implements OnApplicationShutdown {
  private readonly logger = new Logger('PeriodicWork');
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly registry: SchedulerRegistry) {}

  /** True once the application is shutting down: long runs stop early. */
  get stopping(): boolean {
    return this.stopped;
  }

  every(name: string, intervalMs: number, work: () => Promise<void>): void {
    this.registry.addInterval(
      name,
      setInterval(() => this.run(name, work), intervalMs),
    );
    this.run(name, work);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.running.values());
  }

  private run(name: string, work: () => Promise<void>): void {
    if (this.stopped || this.running.has(name)) return;
    const run = work()
      .catch((error: Error) => this.logger.warn({ job: name, cause: error.message }, 'A periodic job failed; its next run tries again'))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
  }
}
