import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Technique } from './technique.entity.js';
import { TechniqueResponse } from './technique.response.js';

export function toTechniqueResponse(technique: Technique): TechniqueResponse {
  return {
    slug: technique.slug,
    name: technique.name,
    description: technique.description,
    intensity: technique.intensity,
    goodFor: technique.goodFor,
    cautions: technique.cautions,
  };
}

@Injectable()
export class TechniquesService {
  constructor(@InjectRepository(Technique) private readonly techniques: Repository<Technique>) {}

  async list(): Promise<TechniqueResponse[]> {
    const rows = await this.techniques.find({ order: { sortOrder: 'ASC' } });
    return rows.map(toTechniqueResponse);
  }
}
