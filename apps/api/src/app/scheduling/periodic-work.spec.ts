import { ConsoleLogger, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { setTimeout as sleep } from 'node:timers/promises';

import { PeriodicWork } from './periodic-work';

describe('PeriodicWork', () => {
  const registry = new SchedulerRegistry();
  // The failing job's warnings are what it is meant to write; the test output needs none of them.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));
  afterEach(() => {
    for (const name of registry.getIntervals()) registry.deleteInterval(name);
  });

  it('runs a job at once and then at its interval, never two runs at once, none after shutdown began', async () => {
    const work = new PeriodicWork(registry);
    let runs = 0;
    let concurrent = 0;
    let mostConcurrent = 0;
    work.every('job', 10, async () => {
      runs++;
      mostConcurrent = Math.max(mostConcurrent, ++concurrent);
      await sleep(35);
      concurrent--;
    });
    expect(runs).toBe(1);
    await sleep(120);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(mostConcurrent).toBe(1);
    await work.onApplicationShutdown();
    const after = runs;
    await sleep(50);
    expect(runs).toBe(after);
    expect(work.stopping).toBe(true);
  });

  it('keeps running after a run fails', async () => {
    const work = new PeriodicWork(registry);
    let runs = 0;
    work.every('failing', 10, async () => {
      runs++;
      throw new Error('storage down');
    });
    await sleep(60);
    expect(runs).toBeGreaterThanOrEqual(2);
    await work.onApplicationShutdown();
  });
});
