// npm run migration:generate -- Name: writes migrations/<epoch>-Name.ts from the entity drift
// against DATABASE_URL, then lists it in migrations/index.ts. Review the SQL before committing.
const { execFileSync } = require('node:child_process');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- VerbNoun');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to a database migrated to the latest migration.');
  process.exit(2);
}
const cli = ['typeorm-ts-node-commonjs', '-d', 'src/database/data-source.ts'];
execFileSync('npx', [...cli, 'migration:generate', '--pretty', `migrations/${name}`], {
  stdio: 'inherit',
});
require('./write-migration-index.cjs');
execFileSync('npx', ['prettier', '--write', 'migrations'], { stdio: 'inherit' });
