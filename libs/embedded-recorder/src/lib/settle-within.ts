/**
 * Waits for `promise` at most `ms`: resolves with its value, or undefined once the time is up (the promise
 * runs on, unobserved). A rejection passes through. The timer never outlives the wait.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let cancel = () => undefined as void;
  const timeUp = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => clearTimeout(timer);
  });
  try {
    return await Promise.race([promise, timeUp]);
  } finally {
    cancel();
  }
}
