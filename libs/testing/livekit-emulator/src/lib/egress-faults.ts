/**
 * What can go wrong inside an egress worker, injected by tests: uploads that fail, uploads that take as long as the
 * test wants (the egress stays ENDING meanwhile, as a long recording does while it uploads), and starts whose
 * recorder never gets media (Chrome cannot reach LiveKit's media ports), so the egress stays STARTING.
 */
export class EgressFaults {
  private failUploadsRemaining = 0;
  private stallStartsRemaining = 0;
  private uploadGate?: { opened: Promise<void>; open(): void };

  reset(): void {
    this.failUploadsRemaining = 0;
    this.stallStartsRemaining = 0;
    this.releaseUploads();
  }

  /** The next `count` uploads (default: all until reset) fail. */
  failUploads(count?: number): void {
    this.failUploadsRemaining = count === undefined ? Number.POSITIVE_INFINITY : count;
  }

  /** Whether this upload fails (counts it). */
  takeUploadFailure(): boolean {
    if (this.failUploadsRemaining <= 0) return false;
    this.failUploadsRemaining--;
    return true;
  }

  /** The next `count` egresses (default: all until reset) never get media and stay STARTING until stopped. */
  stallStarts(count?: number): void {
    this.stallStartsRemaining = count === undefined ? Number.POSITIVE_INFINITY : count;
  }

  /** Whether this start stalls (counts it). */
  takeStartStall(): boolean {
    if (this.stallStartsRemaining <= 0) return false;
    this.stallStartsRemaining--;
    return true;
  }

  /** Uploads wait (their egresses stay ENDING) until {@link releaseUploads}. */
  holdUploads(): void {
    if (this.uploadGate) return;
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.uploadGate = { opened, open };
  }

  releaseUploads(): void {
    this.uploadGate?.open();
    this.uploadGate = undefined;
  }

  /** Resolves when uploads may go on. */
  async uploadsAllowed(): Promise<void> {
    while (this.uploadGate) await this.uploadGate.opened;
  }
}
