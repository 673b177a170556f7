import { type LiveSession, SessionCache } from './session-cache.js';

const alice: LiveSession = { userId: 'alice', role: 'client', expiresAtMs: 10_000_000 };
const bob: LiveSession = { userId: 'bob', role: 'admin', expiresAtMs: 10_000_000 };

/** A lookup that counts its calls and answers from a table the test changes. */
function database(rows: Record<string, LiveSession | null>) {
  const calls: string[] = [];
  const lookup = async (id: string) => {
    calls.push(id);
    return rows[id] ?? null;
  };
  return { rows, calls, lookup };
}

describe('SessionCache', () => {
  it('answers a live session from the cache while notifications are heard', async () => {
    const cache = new SessionCache();
    cache.setListening(true);
    const db = database({ s1: alice });
    expect(await cache.check('s1', db.lookup, 1000)).toEqual(alice);
    expect(await cache.check('s1', db.lookup, 2000)).toEqual(alice);
    expect(db.calls).toEqual(['s1']);
  });

  it('asks the database every time while the listener is down', async () => {
    const cache = new SessionCache();
    const db = database({ s1: alice });
    await cache.check('s1', db.lookup, 1000);
    await cache.check('s1', db.lookup, 1000);
    expect(db.calls).toEqual(['s1', 's1']);
    expect(cache.size).toBe(0);
  });

  it('forgets a session when it ends, and every session of a user when the user changes', async () => {
    const cache = new SessionCache();
    cache.setListening(true);
    const db = database({ s1: alice, s2: alice, s3: bob });
    for (const id of ['s1', 's2', 's3']) await cache.check(id, db.lookup, 1000);

    db.rows.s1 = null;
    cache.invalidate('s:s1');
    expect(await cache.check('s1', db.lookup, 1000)).toBeNull();

    db.rows.s2 = { ...alice, role: 'admin' };
    cache.invalidate('u:alice');
    expect(await cache.check('s2', db.lookup, 1000)).toEqual({ ...alice, role: 'admin' });
    expect(await cache.check('s3', db.lookup, 1000)).toEqual(bob);
    expect(db.calls).toEqual(['s1', 's2', 's3', 's1', 's2']);
  });

  it('does not cache an answer read while a notification arrived: it may predate the change', async () => {
    const cache = new SessionCache();
    cache.setListening(true);
    let release: (session: LiveSession) => void = () => undefined;
    const slow = () => new Promise<LiveSession>((resolve) => (release = resolve));
    const pending = cache.check('s1', slow, 1000);
    cache.invalidate('s:s1'); // The logout committed while the read was under way.
    release(alice);
    await pending;
    const db = database({ s1: null });
    expect(await cache.check('s1', db.lookup, 1000)).toBeNull();
  });

  it('drops everything when the listener reconnects, since notifications may have been missed', async () => {
    const cache = new SessionCache();
    cache.setListening(true);
    const db = database({ s1: alice });
    await cache.check('s1', db.lookup, 1000);
    cache.setListening(false);
    cache.setListening(true);
    await cache.check('s1', db.lookup, 1000);
    expect(db.calls).toEqual(['s1', 's1']);
  });

  it('never answers past the session end or the maximum age of an entry', async () => {
    const cache = new SessionCache(10, 60_000);
    cache.setListening(true);
    const db = database({ s1: { ...alice, expiresAtMs: 5000 }, s2: bob });
    await cache.check('s1', db.lookup, 1000);
    await cache.check('s1', db.lookup, 5000);
    await cache.check('s2', db.lookup, 1000);
    await cache.check('s2', db.lookup, 61_000);
    expect(db.calls).toEqual(['s1', 's1', 's2', 's2']);
  });

  it('evicts the oldest entry when full', async () => {
    const cache = new SessionCache(2);
    cache.setListening(true);
    const db = database({ a: alice, b: alice, c: bob });
    for (const id of ['a', 'b', 'c', 'b', 'c', 'a']) await cache.check(id, db.lookup, 1000);
    expect(db.calls).toEqual(['a', 'b', 'c', 'a']);
    expect(cache.size).toBe(2);
  });
});
