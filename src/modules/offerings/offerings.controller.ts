import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../../common/validation/id-param.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../../common/auth/auth.decorators.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { Page } from '../../common/pagination/pagination.js';
import {
  CreateOfferingDto,
  OfferingListQueryDto,
  OfferingPage,
  OfferingResponse,
  UpdateOfferingDto,
} from './dto/offering.dto.js';
import { OfferingsService } from './offerings.service.js';

@ApiTags('offerings')
@Controller('offerings')
export class OfferingsController {
  constructor(private readonly offerings: OfferingsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: OfferingPage })
  @ApiPublic('List the menu of offerings', 400)
  list(@Query() query: OfferingListQueryDto): Promise<Page<OfferingResponse>> {
    return this.offerings.list(query);
  }

  @Public()
  @Get(':id')
  @ApiPublic('Read an offering', 400, 404)
  @ApiOkResponse({ type: OfferingResponse })
  get(@IdParam() id: string): Promise<OfferingResponse> {
    return this.offerings.get(id);
  }

  @Roles('admin')
  @Post()
  @ApiAuth('Add an offering to the menu', 400)
  @ApiCreatedResponse({ type: OfferingResponse })
  create(@Body() dto: CreateOfferingDto): Promise<OfferingResponse> {
    return this.offerings.create(dto);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiAuth('Change an offering', 400, 404)
  @ApiOkResponse({ type: OfferingResponse })
  update(@IdParam() id: string, @Body() dto: UpdateOfferingDto): Promise<OfferingResponse> {
    return this.offerings.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, or archived when it has bookings' })
  @ApiAuth('Delete an offering (archived when it has bookings)', 400, 404)
  remove(@IdParam() id: string): Promise<void> {
    return this.offerings.remove(id);
  }
}
