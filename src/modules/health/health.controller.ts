import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorators.js';
import { MailTransport } from '../notifications/mail-transport.service.js';

const INDICATORS = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string' } },
    additionalProperties: true,
  },
} satisfies SchemaObject;

/** Terminus's answer, and how mail goes out. */
const HEALTHY_SCHEMA = {
  type: 'object',
  required: ['status', 'mail'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    info: INDICATORS,
    error: INDICATORS,
    details: INDICATORS,
    mail: {
      type: 'string',
      enum: ['smtp', 'disabled'],
      description: '`disabled`: no SMTP_URL, messages are written to files',
    },
  },
  additionalProperties: false,
} satisfies SchemaObject;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailTransport,
  ) {}

  /**
   * 200 `{status: "ok"}` once PostgreSQL answers and every migration has run; 503 otherwise.
   * `mail` says whether messages go out (`smtp`) or only to files (`disabled`): never a failure.
   */
  @Public()
  @SkipThrottle()
  @Get()
  @ApiOkResponse({ description: 'The service is ready', schema: HEALTHY_SCHEMA })
  @HealthCheck()
  @ApiOperation({ summary: 'Is the service ready (database reachable, migrations run)?' })
  async check() {
    const result = await this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('migrations');
        const pending = await this.dataSource.showMigrations();
        return pending ? indicator.down({ pending: true }) : indicator.up();
      },
    ]);
    return { ...result, mail: this.mail.mode };
  }
}
