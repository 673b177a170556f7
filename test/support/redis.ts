import { execFileSync } from 'node:child_process';

/**
 * Whether a Redis answers at `url`, asked synchronously so a suite can decide to skip before
 * Jest collects its tests. Only a TCP connection is tried, for at most a second.
 */
export function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)});
s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1));
setTimeout(() => process.exit(1), 1000);`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
