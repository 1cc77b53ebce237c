import { NoFreeSlotError, RunSlots } from './run-slots';

/** A task that runs until the test lets it end. */
function controllable(): { task: () => Promise<void>; started: boolean; finish(): void } {
  let finish: () => void = () => undefined;
  const handle = {
    started: false,
    finish: () => finish(),
    task: () => {
      handle.started = true;
      return new Promise<void>((resolve) => (finish = resolve));
    },
  };
  return handle;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RunSlots', () => {
  it('runs at most `capacity` tasks at once and starts a waiter as soon as one ends', async () => {
    const slots = new RunSlots(2);
    const tasks = [controllable(), controllable(), controllable()];
    const runs = tasks.map((task) => slots.run(task.task, 1_000));
    await tick();
    expect(tasks.map((task) => task.started)).toEqual([true, true, false]);
    expect(slots.inUse).toBe(2);

    tasks[1].finish();
    await tick();
    expect(tasks[2].started).toBe(true);
    expect(slots.inUse).toBe(2);

    tasks[0].finish();
    tasks[2].finish();
    await Promise.all(runs);
    expect(slots.inUse).toBe(0);
  });

  it('serves waiters in arrival order', async () => {
    const slots = new RunSlots(1);
    const order: number[] = [];
    const first = controllable();
    const running = slots.run(first.task, 1_000);
    const waiters = [1, 2, 3].map((n) => slots.run(async () => void order.push(n), 1_000));
    await tick();
    first.finish();
    await Promise.all([running, ...waiters]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('gives up on a waiter after its wait, without running it, and keeps serving the others', async () => {
    const slots = new RunSlots(1);
    const busy = controllable();
    const running = slots.run(busy.task, 1_000);
    await tick();
    const impatient = controllable();
    const startedAt = Date.now();
    await expect(slots.run(impatient.task, 50)).rejects.toBeInstanceOf(NoFreeSlotError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45);
    expect(impatient.started).toBe(false);

    const patient = slots.run(async () => 'ran', 1_000);
    busy.finish();
    await running;
    await expect(patient).resolves.toBe('ran');
    expect(slots.inUse).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const slots = new RunSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('broken')), 10)).rejects.toThrow('broken');
    await expect(slots.run(async () => 'next', 10)).resolves.toBe('next');
  });

  it.each([0, -1, 1.5])('refuses a capacity of %p', (capacity) => {
    expect(() => new RunSlots(capacity)).toThrow(RangeError);
  });
});
