// The build under test. `npm test` (nest build, deleteOutDir) may rebuild dist/ while the
// benchmark runs, which would pull the files from under a starting app. So the benchmark waits for
// a complete, settled dist/, copies it (1-2 MB) into a private directory whose node_modules is a
// symlink to the project's, and runs everything — `node dist/src/main.js`, the migrations, the
// baseline's imports — from that copy.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function newestMtime(dir, limit = 5_000) {
  let newest = 0;
  let seen = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (++seen > limit) return;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

/** Waits (bounded) for dist/ to exist and be unchanged for 3 s; builds it when it never appears. */
async function settledDist(root, log) {
  const dist = join(root, 'dist');
  const entry = join(dist, 'src', 'main.js');
  const deadline = Date.now() + 90_000;
  let said = false;
  for (let i = 0; i < 400 && Date.now() < deadline; i++) {
    try {
      if (existsSync(entry) && Date.now() - newestMtime(dist) > 3_000) return;
    } catch {
      // files vanished while walking: a rebuild is under way
    }
    if (!said) {
      log('dist/ is missing or being rebuilt; waiting for it to settle …');
      said = true;
    }
    if (!existsSync(dist) && i >= 20) break; // nobody is building: build it ourselves
    await sleep(250);
  }
  if (!existsSync(entry)) {
    log('dist/ is missing: building with `npx nest build` …');
    execFileSync('npx', ['nest', 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 180_000,
    });
    if (!existsSync(entry)) throw new Error('nest build did not produce dist/src/main.js');
  }
}

/** A private copy of the build; returns its root (run `node dist/src/main.js` there). */
export async function snapshotBuild({ root, cleanup, log }) {
  await settledDist(root, log);
  const snapshot = mkdtempSync('/tmp/unknot-bench-build-');
  cleanup.add('remove build snapshot', () => rmSync(snapshot, { recursive: true, force: true }));
  cpSync(join(root, 'dist'), join(snapshot, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(snapshot, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(snapshot, 'node_modules'), 'dir');
  if (!existsSync(join(snapshot, 'dist', 'src', 'main.js'))) {
    throw new Error('the copy of dist/ has no src/main.js (rebuilt while copying?); run again');
  }
  return snapshot;
}
