import { Body, Controller, Delete, Get, HttpCode, Patch, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../common/auth/auth.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiAuth } from '../../common/http/api-problems.decorator.js';
import { UserResponse } from '../auth/dto/auth.dto.js';
import { AccountsService } from './accounts.service.js';
import { AccountExport, EraseAccountDto, UpdateAccountDto } from './dto/account.dto.js';

@ApiTags('account')
@Controller('me')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiAuth('Read my account')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.accounts.me(user.id);
  }

  @Patch()
  @ApiAuth('Change my name or phone number', 400)
  @ApiOkResponse({ type: UserResponse })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateAccountDto): Promise<UserResponse> {
    return this.accounts.update(user.id, dto);
  }

  @Get('export')
  @ApiAuth('Download every record about me, as JSON')
  @ApiOkResponse({ type: AccountExport })
  async export(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountExport> {
    const data = await this.accounts.export(user);
    const day = data.exportedAt.slice(0, 10);
    void reply.header('content-disposition', `attachment; filename="unknot-export-${day}.json"`);
    return data;
  }

  @Delete()
  @HttpCode(204)
  @ApiAuth('Erase my account (password required): every session ends', 400, 409)
  @ApiNoContentResponse({ description: 'Erased' })
  erase(@CurrentUser() user: AuthUser, @Body() dto: EraseAccountDto): Promise<void> {
    return this.accounts.erase(user, dto.password);
  }
}
