import { Module } from '@nestjs/common';
import { LocationsController } from './locations.controller.js';
import { LocationsService } from './locations.service.js';
import { ResourcesService } from './resources.service.js';

/** The spa's places: locations, rooms, equipment, and their calendars for slots and booking. */
@Module({
  controllers: [LocationsController],
  providers: [LocationsService, ResourcesService],
  exports: [LocationsService, ResourcesService],
})
export class LocationsModule {}
