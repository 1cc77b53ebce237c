/**
 * Polls until `check` returns something other than undefined (or stops throwing), for outcomes that arrive
 * asynchronously (webhooks, the reconciler). Never a timing assertion: the deadline only ends a test that would
 * otherwise hang, so it is generous.
 */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw lastError instanceof Error ? lastError : new Error(`Timed out after ${timeoutMs} ms waiting for an outcome`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
