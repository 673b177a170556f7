import { Body, Controller, Get, Headers, HttpCode, Put, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public, Roles } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth, ApiPublic } from '../../common/http/api-problems.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { PhotoQueryDto } from './dto/photo.dto.js';
import { PHOTO_CONTENT_TYPE, PHOTO_MEDIA_TYPES } from './photo.rules.js';
import { TherapistPhotosService } from './therapist-photos.service.js';

const BINARY = { schema: { type: 'string', format: 'binary' } };

@ApiTags('therapists')
@Controller('therapists')
export class TherapistPhotosController {
  constructor(private readonly photos: TherapistPhotosService) {}

  @Roles('therapist')
  @Put('me/photo')
  @HttpCode(204)
  @ApiConsumes(...PHOTO_MEDIA_TYPES)
  @ApiBody({
    description: 'The picture itself, at most 5 MB; its content must be a JPEG, PNG or WebP',
    ...BINARY,
  })
  @ApiAuth('Upload my photo: stored square at 160 and 640 px, without metadata', 409, 413, 415, 422)
  @ApiNoContentResponse({ description: 'Stored; photoUrl in the profiles names the new version' })
  upload(@CurrentUser() user: AuthUser, @Body() body: Buffer): Promise<void> {
    return this.photos.upload(user.id, body);
  }

  @Public()
  @Get(':id/photo')
  @ApiPublic('Read a therapist’s photo (WebP), cacheable', 400, 404)
  @ApiOkResponse({
    description: 'The photo; ETag names its version and size',
    content: { [PHOTO_CONTENT_TYPE]: BINARY },
    headers: {
      ETag: { schema: { type: 'string' } },
      'Cache-Control': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: the copy If-None-Match names is current',
  })
  async read(
    @IdParam() id: string,
    @Query() query: PhotoQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.photos.read(id, query.size, { version: query.v, ifNoneMatch });
    await reply
      .code(answer.status)
      .headers(answer.headers)
      .send(answer.body ?? undefined);
  }
}
