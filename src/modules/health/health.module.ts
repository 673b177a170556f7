import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [
    NotificationsModule,
    TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
  ],
  controllers: [HealthController],
})
export class HealthModule {}
