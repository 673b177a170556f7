import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/auth.decorators.js';
import { ApiPublic } from '../../common/http/api-problems.decorator.js';
import { TechniqueResponse } from './technique.response.js';
import { TechniquesService } from './techniques.service.js';

@ApiTags('techniques')
@Controller('techniques')
export class TechniquesController {
  constructor(private readonly techniques: TechniquesService) {}

  @Public()
  @Get()
  @ApiPublic('List the massage techniques')
  @ApiOkResponse({ type: [TechniqueResponse] })
  list(): Promise<TechniqueResponse[]> {
    return this.techniques.list();
  }
}
