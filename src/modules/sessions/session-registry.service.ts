import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type LiveSession, SessionCache } from './session-cache.js';
import { AUTH_CHANNEL, LIVE_SESSION_SQL, type LiveSessionRow } from './sessions.sql.js';

/** How long to wait before listening again after the connection failed. */
const RECONNECT_DELAY_MS = 1000;
/**
 * The listener is pinged this often, and a ping unanswered for as long means it is lost (a
 * silent network failure): a notification can go unheard for a second at most before the cache
 * is dropped.
 */
const PING_INTERVAL_MS = 500;

/**
 * Answers "is this session live, and whose is it?" on every authenticated request. Answers are
 * cached in memory while a dedicated connection LISTENs on AUTH_CHANNEL: PostgreSQL notifies
 * every instance when a session ends or a user changes, at commit, so a logout on one instance
 * answers 401 on all of them within milliseconds. Without the connection it asks the database
 * each time: slower, never stale.
 */
@Injectable()
export class SessionRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private readonly cache = new SessionCache();
  private listener: Client | null = null;
  private ping?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): Promise<void> {
    return this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.ping);
    await this.listener?.end().catch(() => undefined);
  }

  /** The session's user and current role, or null when it ended (or never was). */
  check(sessionId: string): Promise<LiveSession | null> {
    return this.cache.check(sessionId, (id) => this.lookup(id));
  }

  private async lookup(sessionId: string): Promise<LiveSession | null> {
    const [row]: LiveSessionRow[] = await this.dataSource.query(LIVE_SESSION_SQL, [sessionId]);
    return row ? { userId: row.user_id, role: row.role, expiresAtMs: row.expires_ms } : null;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'unknot-sessions',
      keepAlive: true,
      // A ping that gets no answer fails instead of hanging: the connection is then replaced.
      query_timeout: PING_INTERVAL_MS,
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      this.cache.setListening(false);
      clearInterval(this.ping);
      this.listener = null;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn('Lost the session notifications; checking sessions in the database');
      setTimeout(() => void this.listen(), RECONNECT_DELAY_MS).unref();
    };
    client.on('notification', (message) => this.cache.invalidate(message.payload));
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    this.listener = client;
    this.cache.setListening(true);
    this.ping = setInterval(() => {
      client.query('SELECT 1').catch(onLost);
    }, PING_INTERVAL_MS);
    this.ping.unref();
  }
}
