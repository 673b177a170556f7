import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../common/auth/auth.decorators.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  CreateEquipmentDto,
  CreateLocationDto,
  CreateRoomDto,
  EquipmentResponse,
  LocationResponse,
  LocationScheduleResponse,
  RoomResponse,
  ScheduleQueryDto,
  UpdateLocationDto,
} from './dto/location.dto.js';
import { LocationsService } from './locations.service.js';

@ApiTags('locations')
@Controller()
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Public()
  @Get('locations')
  @ApiOkResponse({ type: [LocationResponse] })
  @ApiPublic('List the spa’s locations')
  list(): Promise<LocationResponse[]> {
    return this.locations.list();
  }

  @Roles('admin')
  @Post('admin/locations')
  @ApiCreatedResponse({ type: LocationResponse })
  @ApiAuth('Add a location', 400)
  create(@Body() dto: CreateLocationDto): Promise<LocationResponse> {
    return this.locations.create(dto);
  }

  @Roles('admin')
  @Patch('admin/locations/:id')
  @ApiOkResponse({ type: LocationResponse })
  @ApiAuth('Change a location', 400, 404)
  update(@IdParam() id: string, @Body() dto: UpdateLocationDto): Promise<LocationResponse> {
    return this.locations.update(id, dto);
  }

  @Roles('admin')
  @Get('admin/locations/:id/rooms')
  @ApiOkResponse({ type: [RoomResponse] })
  @ApiAuth('List a location’s rooms', 400, 404)
  rooms(@IdParam() id: string): Promise<RoomResponse[]> {
    return this.locations.rooms(id);
  }

  @Roles('admin')
  @Post('admin/locations/:id/rooms')
  @ApiCreatedResponse({ type: RoomResponse })
  @ApiAuth('Add a room with its features', 400, 404, 409)
  addRoom(@IdParam() id: string, @Body() dto: CreateRoomDto): Promise<RoomResponse> {
    return this.locations.addRoom(id, dto);
  }

  @Roles('admin')
  @Get('admin/locations/:id/equipment')
  @ApiOkResponse({ type: [EquipmentResponse] })
  @ApiAuth('List a location’s equipment, unit by unit', 400, 404)
  equipment(@IdParam() id: string): Promise<EquipmentResponse[]> {
    return this.locations.equipment(id);
  }

  @Roles('admin')
  @Post('admin/locations/:id/equipment')
  @ApiCreatedResponse({ type: EquipmentResponse })
  @ApiAuth('Add equipment: each of `quantity` units is claimable on its own', 400, 404)
  addEquipment(@IdParam() id: string, @Body() dto: CreateEquipmentDto): Promise<EquipmentResponse> {
    return this.locations.addEquipment(id, dto);
  }

  @Roles('admin')
  @Get('admin/locations/:id/schedule')
  @ApiOkResponse({ type: LocationScheduleResponse })
  @ApiAuth('See a location’s sessions room by room', 400, 404)
  schedule(
    @IdParam() id: string,
    @Query() query: ScheduleQueryDto,
  ): Promise<LocationScheduleResponse> {
    return this.locations.schedule(id, query);
  }
}
