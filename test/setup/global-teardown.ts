import { databaseUrl, SERVER_URL_VAR, TEMPLATE_DB_VAR, withClient } from './test-database';

/** Drops the template and every per-file database of this run, then stops an embedded server. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[SERVER_URL_VAR];
  const template = process.env[TEMPLATE_DB_VAR];
  if (serverUrl && template) {
    await withClient(databaseUrl(serverUrl, 'postgres'), async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [template, `${template}_f%`],
      );
      for (const { datname } of rows)
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    });
  }
  await globalThis.__UNKNOT_EMBEDDED__?.stop();
}
