import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TherapistsController } from './therapists.controller.js';
import { TherapistsService } from './therapists.service.js';

@Module({
  imports: [AuditModule],
  controllers: [TherapistsController],
  providers: [TherapistsService],
  exports: [TherapistsService],
})
export class TherapistsModule {}
