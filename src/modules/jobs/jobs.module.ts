import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';

/** The one job queue of the app, for every feature that schedules work. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
