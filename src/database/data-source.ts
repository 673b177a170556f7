import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options.js';

/** The data source for the TypeORM CLI (`npm run migration:*`); it needs DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to run the TypeORM CLI (see README, Database).');

export default new DataSource(databaseOptions(url));
