// The per-request session check's cache, shared with the benchmark baseline. Plain TypeScript.

export interface LiveSession {
  userId: string;
  role: string;
  /** The session's absolute end: a cached entry never outlives it. */
  expiresAtMs: number;
}

interface Entry {
  session: LiveSession;
  cachedAtMs: number;
}

/**
 * Live sessions by id, trusted only while PostgreSQL's notifications are being heard: every
 * change that ends a session or alters its user arrives as a notification (`invalidate`), and
 * while the listener is down nothing is cached, so no ended session is ever answered from here.
 * A lookup that was under way when a notification arrived is not cached (the epoch moved on):
 * its answer may predate the change.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;
  private listening = false;

  constructor(
    private readonly maxEntries = 50_000,
    /** A bound on staleness should a notification ever be lost without the connection failing. */
    private readonly maxAgeMs = 60_000,
  ) {}

  async check(
    sessionId: string,
    lookup: (sessionId: string) => Promise<LiveSession | null>,
    now = Date.now(),
  ): Promise<LiveSession | null> {
    const hit = this.listening ? this.entries.get(sessionId) : undefined;
    if (hit && now - hit.cachedAtMs < this.maxAgeMs && hit.session.expiresAtMs > now) {
      return hit.session;
    }
    const epoch = this.epoch;
    const session = await lookup(sessionId);
    if (!session) {
      this.entries.delete(sessionId);
    } else if (this.listening && epoch === this.epoch) {
      if (this.entries.size >= this.maxEntries) {
        // Maps iterate in insertion order: the oldest entry goes first.
        this.entries.delete(this.entries.keys().next().value as string);
      }
      this.entries.set(sessionId, { session, cachedAtMs: now });
    }
    return session;
  }

  /** A notification: `s:<session id>` ended, or `u:<user id>` changed (every session of theirs). */
  invalidate(payload: string | undefined): void {
    this.epoch++;
    if (payload?.startsWith('s:')) {
      this.entries.delete(payload.slice(2));
      return;
    }
    const userId = payload?.startsWith('u:') ? payload.slice(2) : undefined;
    if (userId === undefined) {
      this.entries.clear();
      return;
    }
    for (const [id, entry] of this.entries) {
      if (entry.session.userId === userId) this.entries.delete(id);
    }
  }

  /** The listener connected (cache again, from empty) or lost its connection (cache nothing). */
  setListening(listening: boolean): void {
    this.epoch++;
    this.entries.clear();
    this.listening = listening;
  }

  get size(): number {
    return this.entries.size;
  }
}
