import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { configureApp, createAdapter } from './app.setup.js';
import { AppConfig } from './config/app-config.js';
import { parseEnvironment } from './config/environment.js';
import { trustProxyOf } from './config/trust-proxy.js';
import { DATA_DIR, ensureDevelopmentJwtSecret } from './config/local-secrets.js';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';

const logger = new Logger('Bootstrap');

async function bootstrap(): Promise<void> {
  // Fail fast, naming the bad variables, before anything starts.
  const environment = parseEnvironment(process.env);
  ensureDevelopmentJwtSecret(process.env);

  let embedded: EmbeddedDatabase | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      databaseDir: join(DATA_DIR, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: 'unknot',
      persistent: true,
    });
    process.env.DATABASE_URL = embedded.url;
    logger.log('No DATABASE_URL: using the embedded PostgreSQL in .data/postgres');
  }

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    createAdapter(trustProxyOf(environment.TRUST_PROXY)),
    {
      bufferLogs: true,
    },
  );
  await configureApp(app);

  // Drain in-flight requests, close the pool, then stop the embedded server (if ours).
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining in-flight requests, then shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const port = app.get(AppConfig).port;
  await app.listen({ port, host: '0.0.0.0' });
  logger.log(`Unknot listening on http://localhost:${port} (web /, API /api/v1, docs /docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
