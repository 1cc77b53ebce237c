import { performance } from 'node:perf_hooks';

import { isShuttingDown } from './shutdown';

/** Prints the next step of the run; refuses to start one once the run is stopping. */
export function step(text: string): void {
  if (isShuttingDown()) throw new Error('Stopped');
  console.log(`› ${text}…`);
}

export function note(text: string): void {
  console.log(`  ${text}`);
}

/** Seconds since `since` (a performance.now() reading), one decimal. */
export const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);
