/** No slot came free within the wait: the caller should answer "busy", not try again at once. */
export class NoFreeSlotError extends Error {}

/**
 * A counting semaphore whose waiters give up after a bounded time, first come first served. Holds what runs at once
 * in one process to `capacity`; a task past it waits for a slot, or fails with {@link NoFreeSlotError} without
 * running.
 */
export class RunSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number of 1 or more, not ${capacity}`);
  }

  /** Tasks running now (tests and diagnostics). */
  get inUse(): number {
    return this.running;
  }

  /** Runs `task` once a slot is free, waiting at most `waitMs` for one; the slot is freed when the task settles. */
  async run<T>(task: () => Promise<T>, waitMs: number): Promise<T> {
    await this.acquire(waitMs);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(waitMs: number): Promise<void> {
    if (this.running < this.capacity) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(new NoFreeSlotError(`all ${this.capacity} slots stayed busy for ${waitMs} ms`));
      }, waitMs);
      this.waiting.push(grant);
    });
  }

  /** Hands the slot straight to the oldest waiter, so a newcomer can never overtake it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
