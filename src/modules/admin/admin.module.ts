import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { AdminController } from './admin.controller.js';

@Module({
  imports: [AuditModule, TherapistsModule],
  controllers: [AdminController],
})
export class AdminModule {}
