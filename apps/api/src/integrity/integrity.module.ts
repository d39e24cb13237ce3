import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlacementLocationEntity } from '@nrm/shelter/application/placement-location.entity';
import { PlacementLocator } from '@nrm/shelter/application/placement-locator';
import { CaseIntegrityController } from './case-integrity.controller';
import { CaseIntegrity } from './case-integrity';

/** Tamper-evident history over HTTP: GET /cases/{id}/integrity. */
@Module({
  imports: [TypeOrmModule.forFeature([PlacementLocationEntity])],
  controllers: [CaseIntegrityController],
  providers: [CaseIntegrity, PlacementLocator],
})
export class IntegrityModule {}
