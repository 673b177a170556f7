import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';
import { describeDatabaseError, driverErrorFacts } from '../common/errors/database-error.js';

type Sink = Pick<NestLogger, 'log' | 'warn' | 'verbose'>;

/**
 * TypeORM's own loggers print a failed query with its parameters (argon2 hashes, booking notes,
 * whole intakes) and the driver's message, which quotes values. This one logs a failed query by
 * its SQLSTATE, constraint and table only, through the app's logger (pino, in the app).
 */
export class QueryLogger implements Logger {
  constructor(private readonly logger: Sink = new NestLogger('Database')) {}

  /** Queries are never logged: their parameters are the data. */
  logQuery(): void {}

  logQueryError(error: string | Error): void {
    this.logger.warn(`Query failed: ${describeDatabaseError(driverErrorFacts(error))}`);
  }

  logQuerySlow(time: number): void {
    this.logger.warn(`A query took ${time} ms`);
  }

  /** The health check lists the migrations on every probe: only the most verbose level shows it. */
  logSchemaBuild(message: string): void {
    this.logger.verbose(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  /** TypeORM's own notes (extensions it cannot install, pool errors): no query values. */
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
