import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { QueryLogger } from './query-logger.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one description of our database, shared by the app, the CLI and the tests. */
export function databaseOptions(url: string, overrides: Partial<DataSourceOptions> = {}) {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    // Lets operators (and the fault tests) tell the app's connections apart in pg_stat_activity.
    applicationName: 'unknot',
    synchronize: false,
    // Failed queries by SQLSTATE and constraint only: their parameters and messages hold data.
    logger: new QueryLogger(),
    ...overrides,
  } as DataSourceOptions;
}
