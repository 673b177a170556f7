import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { HitLogStorage } from './hit-log-storage.js';

type Increment = ThrottlerStorage['increment'];

/**
 * The per-IP counts of every instance, in Redis (@nest-lab/throttler-storage-redis: one atomic
 * Lua script per hit). Should Redis stop answering, requests are not held up or refused for it:
 * this instance counts on its own, in memory, until Redis is back, and says so once in the log.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new HitLogStorage();
  private degraded = false;

  constructor(url: string) {
    this.redis = new Redis(url, {
      keyPrefix: 'unknot:throttle:',
      // Fail fast rather than queue: a request must not wait for a Redis that is away.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    // ioredis reconnects by itself; its errors are reported once through `degraded` below.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  increment: Increment = async (...hit) => {
    try {
      const record = await this.shared.increment(...hit);
      if (this.degraded) this.logger.log('Redis answers again: per-IP limits are shared');
      this.degraded = false;
      return record;
    } catch {
      if (!this.degraded) {
        this.logger.warn('Redis does not answer: this instance counts per-IP limits alone');
      }
      this.degraded = true;
      return this.local.increment(...hit);
    }
  };

  onApplicationShutdown(): void {
    this.redis.disconnect(false);
  }
}
