/**
 * Remembers recent requests by key for a short window, so that the same
 * command sent twice by the same person within seconds (a double Enter, a
 * client resend) starts only one build or removal.
 */
export class RecentRequests {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records the key and returns undefined when it is new, or how long ago
   * it was first seen when it is a repeat within the window.
   */
  check(key: string): number | undefined {
    const now = this.now();
    this.forgetOlderThan(now - this.windowMs);

    const firstSeen = this.seenAt.get(key);
    if (firstSeen !== undefined) {
      return now - firstSeen;
    }
    this.seenAt.set(key, now);
    return undefined;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, seenAt] of this.seenAt) {
      if (seenAt >= cutoff) {
        // Entries are inserted in time order, so the rest are newer.
        return;
      }
      this.seenAt.delete(key);
    }
  }
}
