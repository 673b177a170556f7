import { Global, Module } from '@nestjs/common';
import { SessionRegistry } from './session-registry.service.js';
import { SessionsService } from './sessions.service.js';

/** Sessions for every feature: the global AuthGuard checks one on each request. */
@Global()
@Module({
  providers: [SessionsService, SessionRegistry],
  exports: [SessionsService, SessionRegistry],
})
export class SessionsModule {}
