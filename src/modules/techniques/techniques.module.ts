import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Technique } from './technique.entity.js';
import { TechniquesController } from './techniques.controller.js';
import { TechniquesService } from './techniques.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Technique])],
  controllers: [TechniquesController],
  providers: [TechniquesService],
})
export class TechniquesModule {}
