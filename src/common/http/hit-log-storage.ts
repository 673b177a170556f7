import type { ThrottlerStorage } from '@nestjs/throttler';

/** A key's hits: when each stops counting, oldest first, the live ones from `first` on. */
interface HitLog {
  expiries: number[];
  first: number;
  blockedUntil: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/** What ThrottlerGuard reads back from its storage for a request. */
type HitCount = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's in-memory storage, same rules — a hit counts for `ttl` after it came; past
 * the limit the key is refused for `blockDuration`, then starts afresh — at a constant cost per
 * request. The stock storage filters all of a key's remembered hits on every request: thousands
 * at a few hundred requests a second from one address. Hits expire in the order they came, so
 * the expired ones are skipped from the front.
 */
export class HitLogStorage implements ThrottlerStorage {
  private readonly logs = new Map<string, HitLog>();
  private nextSweep = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<HitCount> {
    const now = this.clock();
    this.sweep(now);
    const id = `${throttlerName}\u0000${key}`;
    let log = this.logs.get(id) ?? this.restart(id);
    this.dropExpired(log, now);
    if (log.blockedUntil > now) return this.count(log, now, log.blockedUntil);
    // A block has ended: like the stock storage, the key starts with no hits.
    if (log.blockedUntil !== 0) log = this.restart(id);
    if (blockDuration <= 0 && this.liveHits(log) >= limit) {
      return this.count(log, now, log.expiries[log.first]);
    }
    log.expiries.push(now + ttl);
    if (blockDuration > 0 && this.liveHits(log) > limit) log.blockedUntil = now + blockDuration;
    return this.count(log, now, log.blockedUntil > now ? log.blockedUntil : null);
  }

  /** The guard's view of a key; `refusedUntil` when this request is refused. */
  private count(log: HitLog, now: number, refusedUntil: number | null): HitCount {
    const seconds = (until: number) => Math.max(0, Math.ceil((until - now) / 1000));
    return {
      totalHits: this.liveHits(log),
      timeToExpire: this.liveHits(log) > 0 ? seconds(log.expiries[log.first]) : 0,
      isBlocked: refusedUntil !== null,
      timeToBlockExpire: refusedUntil === null ? 0 : seconds(refusedUntil),
    };
  }

  private liveHits(log: HitLog): number {
    return log.expiries.length - log.first;
  }

  private dropExpired(log: HitLog, now: number): void {
    while (log.first < log.expiries.length && log.expiries[log.first] <= now) log.first++;
    // Reclaim the skipped front now and then, not on every request.
    if (log.first > 1024 && log.first * 2 > log.expiries.length) {
      log.expiries = log.expiries.slice(log.first);
      log.first = 0;
    }
  }

  private restart(id: string): HitLog {
    const log = { expiries: [], first: 0, blockedUntil: 0 };
    this.logs.set(id, log);
    return log;
  }

  /** Forgets keys with no live hit and no block, once a minute. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_INTERVAL_MS;
    for (const [id, log] of this.logs) {
      this.dropExpired(log, now);
      if (this.liveHits(log) === 0 && log.blockedUntil <= now) this.logs.delete(id);
    }
  }
}
