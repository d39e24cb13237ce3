import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlacementLocationEntity, PlacementLocator } from '@nrm/shelter';
import { CaseIntegrityController } from './case-integrity.controller';
import { CaseIntegrity } from './case-integrity';

/** Tamper-evident history over HTTP: GET /cases/{id}/integrity. */
@Module({
  imports: [TypeOrmModule.forFeature([PlacementLocationEntity])],
  controllers: [CaseIntegrityController],
  providers: [CaseIntegrity, PlacementLocator],
})
export class IntegrityModule {}
