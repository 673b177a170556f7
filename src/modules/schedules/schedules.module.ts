import { Module } from '@nestjs/common';
import { TherapistsModule } from '../therapists/therapists.module.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesService } from './schedules.service.js';
import { SlotsService } from './slots.service.js';

@Module({
  imports: [TherapistsModule],
  controllers: [SchedulesController],
  providers: [SchedulesService, SlotsService],
  exports: [SchedulesService, SlotsService],
})
export class SchedulesModule {}
