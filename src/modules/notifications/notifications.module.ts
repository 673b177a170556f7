import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { AccountNotices } from './account-notices.service.js';
import { MailDelivery } from './mail-delivery.service.js';
import { MailTransport } from './mail-transport.service.js';
import { NotificationPreferences } from './notification-preferences.service.js';
import { NotificationPreferencesController, OutboxController } from './notifications.controller.js';
import { NotificationsPersonalData } from './notifications-personal-data.service.js';
import { Outbox } from './outbox.service.js';

/** Email: the outbox, its delivery over SMTP (or to files), and what users chose to hear. */
@Module({
  imports: [UsersModule],
  controllers: [NotificationPreferencesController, OutboxController],
  providers: [
    Outbox,
    AccountNotices,
    MailDelivery,
    MailTransport,
    NotificationPreferences,
    NotificationsPersonalData,
  ],
  exports: [Outbox, AccountNotices, MailTransport, NotificationsPersonalData],
})
export class NotificationsModule {}
