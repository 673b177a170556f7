import { Module } from '@nestjs/common';
import { IdempotencyPersonalData, IdempotencyStore } from './idempotency-store.service.js';

/** The idempotency_keys table, behind one generic store any retry-safe write can use. */
@Module({
  providers: [IdempotencyStore, IdempotencyPersonalData],
  exports: [IdempotencyStore, IdempotencyPersonalData],
})
export class IdempotencyModule {}
