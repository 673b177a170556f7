import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Debian's Chromium for the browser tests, driven by playwright-core (never `npx playwright
 * install`: this machine has no downloads). See the Chromium notes in shared/TOOLCHAIN.md.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isRoot = () => process.getuid?.() === 0;

/** True when Chromium is installed, or can be (root with apt-get); else warns loudly. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (isRoot() && existsSync('/usr/bin/apt-get')) return true;
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!! SKIPPING the browser tests (test/browser): no ${CHROMIUM_PATH}, and it cannot be`,
      '!! installed here (needs root and apt-get). Install it with: apt-get install -y chromium',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
  return false;
}

/** Installs Debian's chromium package when it is missing (about a minute); call from beforeAll. */
export async function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const run = promisify(execFile);
  const options = {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  };
  const started = Date.now();
  console.warn('Installing Debian Chromium for the browser tests (apt-get, 1 to 2 minutes)...');
  await run('apt-get', ['update'], options);
  await run('apt-get', ['install', '-y', 'chromium'], options);
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but no ${CHROMIUM_PATH}`);
  console.warn(`Chromium installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return CHROMIUM_PATH;
}
