import { isIP } from 'node:net';

/**
 * Which hops may name the client in X-Forwarded-For: none (`false`), the nearest N proxies (a hop
 * count), or proxies at these addresses (IPs or CIDR blocks). Never "everyone": a client could then
 * name any address it likes and slip every per-IP limit.
 */
export type TrustProxy = false | number | string[];

/** TRUST_PROXY's value, or a sentence saying what is wrong with it. */
export function parseTrustProxy(
  value: string | undefined,
): { trustProxy: TrustProxy } | { problem: string } {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return { trustProxy: false };
  if (text === 'true') {
    return {
      problem:
        'TRUST_PROXY=true would trust any X-Forwarded-For; give the number of proxies in front of the app (e.g. 1) or their addresses (e.g. 10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10
      ? { trustProxy: hops }
      : { problem: 'TRUST_PROXY must be a hop count of at most 10' };
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrBlock(entry));
  if (bad.length > 0) {
    return {
      problem: `TRUST_PROXY must be a hop count or a comma-separated list of IPs or CIDR blocks (not ${bad.join(', ')})`,
    };
  }
  return { trustProxy: entries };
}

function isAddressOrBlock(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d+$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The setting of an environment parseEnvironment already validated. */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const parsed = parseTrustProxy(value);
  return 'trustProxy' in parsed ? parsed.trustProxy : false;
}
