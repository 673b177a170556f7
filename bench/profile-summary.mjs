// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, and the
// inclusive (total) time of the frames whose name or file matches an optional filter.
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25] [inclusive-filter-regexp]
import { readFileSync } from 'node:fs';

const [file, topArg = '25', filter] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top] [filter]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample counts per node, converted to ms with the mean sampling interval.
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);
const totalMs = (profile.endTime - profile.startTime) / 1000;
const msPerSample = totalMs / profile.samples.length;

const label = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/dist\//, 'dist:');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
};
const packageOf = (n) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.includes('/dist/')) return 'app (dist)';
  if (url.startsWith('node:')) return 'node core';
  return url;
};

const self = new Map();
const pkg = new Map();
for (const [id, count] of samples) {
  const n = byId.get(id);
  self.set(label(n), (self.get(label(n)) ?? 0) + count);
  pkg.set(packageOf(n), (pkg.get(packageOf(n)) ?? 0) + count);
}
const print = (title, map, limit) => {
  console.log(`\n${title}`);
  for (const [name, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    const ms = count * msPerSample;
    console.log(
      `${((100 * count) / profile.samples.length).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(`${file}: ${totalMs.toFixed(0)} ms, ${profile.samples.length} samples`);
print('self time by package', pkg, top);
print('self time by function', self, top);

if (filter) {
  // Inclusive time: samples whose stack contains a matching frame (each sample counted once).
  const re = new RegExp(filter);
  const inclusive = new Map();
  for (const [id, count] of samples) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (re.test(l) && !seen.has(l)) {
        seen.add(l);
        inclusive.set(l, (inclusive.get(l) ?? 0) + count);
      }
    }
  }
  print(`inclusive time of frames matching /${filter}/`, inclusive, top);
}
