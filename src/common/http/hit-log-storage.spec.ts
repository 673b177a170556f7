import { HitLogStorage } from './hit-log-storage.js';

/** Whether each request, at its instant, is refused. */
async function refusals(
  requests: readonly (number | { at: number; key?: string; throttler?: string })[],
  rule: { ttl: number; limit: number; blockDuration: number },
): Promise<boolean[]> {
  let now = 0;
  const storage = new HitLogStorage(() => now);
  const refused: boolean[] = [];
  for (const request of requests) {
    const {
      at,
      key = 'ip',
      throttler = 'general',
    } = typeof request === 'number' ? { at: request } : request;
    now = at;
    const { isBlocked } = await storage.increment(
      key,
      rule.ttl,
      rule.limit,
      rule.blockDuration,
      throttler,
    );
    refused.push(isBlocked);
  }
  return refused;
}

describe('HitLogStorage (the rules of @nestjs/throttler’s storage, at constant cost)', () => {
  it('refuses the request past the limit, then everything for blockDuration, then starts afresh', async () => {
    const rule = { ttl: 1_000, limit: 2, blockDuration: 5_000 };
    expect(await refusals([0, 10, 20, 2_000, 5_019, 5_020, 5_030], rule)).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('counts a hit for ttl after it came: a sliding window', async () => {
    const rule = { ttl: 1_000, limit: 2, blockDuration: 1_000 };
    expect(await refusals([0, 600, 1_000, 1_600, 2_000, 2_001], rule)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('counts each key and each throttler apart', async () => {
    const rule = { ttl: 1_000, limit: 1, blockDuration: 1_000 };
    const requests = [
      { at: 0, key: 'a' },
      { at: 1, key: 'b' },
      { at: 2, key: 'a', throttler: 'login' },
      { at: 3, key: 'a' },
    ];
    expect(await refusals(requests, rule)).toEqual([false, false, false, true]);
  });

  it('without a block duration, refuses (and does not count) while the window is full', async () => {
    const rule = { ttl: 1_000, limit: 1, blockDuration: 0 };
    expect(await refusals([0, 500, 999, 1_000], rule)).toEqual([false, true, true, false]);
  });

  it('costs the same per request however many hits a key remembers', async () => {
    let now = 0;
    const storage = new HitLogStorage(() => now);
    for (let i = 0; i < 50_000; i++)
      await storage.increment('busy', 60_000, 1e9, 60_000, 'general');
    now = 25_000;
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) await storage.increment('busy', 60_000, 1e9, 60_000, 'general');
    // The stock storage filters every remembered hit (50,000 here) on each request.
    expect(performance.now() - started).toBeLessThan(250);
  });
});
