/**
 * Of overlapping loads (a filter changed while a page was loading), only the latest may change the page: each load
 * takes a ticket, and a stale ticket's answer is dropped.
 */
export class LatestRequest {
  private issued = 0;

  /** Starts a load; the function says whether it is still the latest. */
  begin(): () => boolean {
    const ticket = ++this.issued;
    return () => ticket === this.issued;
  }
}
