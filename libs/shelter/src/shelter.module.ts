import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CASE_PLACEMENTS, CaseModule } from '@nrm/case';
import { PlacementLocationEntity } from './application/placement-location.entity';
import { PlacementClosure } from './application/placement-closure';
import { PlacementLocator } from './application/placement-locator';
import { PlacementCommands } from './application/placement-commands';
import { ShelterCommands } from './application/shelter-commands';
import { GetShelterHandler, ListSheltersHandler } from './application/shelter-queries';
import { PlacementsController, ShelterCommandsController } from './http/shelter.commands';
import { SheltersController } from './http/shelters.controller';
import { PlacementEntity } from './read-models/placement.entity';
import { ShelterEntity } from './read-models/shelter.entity';

/** The shelter context: shelters, their beds, and placements (one stream per shelter). */
@Module({
  imports: [
    CqrsModule,
    CaseModule,
    TypeOrmModule.forFeature([ShelterEntity, PlacementEntity, PlacementLocationEntity]),
  ],
  controllers: [ShelterCommandsController, SheltersController, PlacementsController],
  providers: [
    ShelterCommands,
    PlacementCommands,
    PlacementLocator,
    PlacementClosure,
    { provide: CASE_PLACEMENTS, useExisting: PlacementClosure },
    ListSheltersHandler,
    GetShelterHandler,
  ],
  // The case's closure ends its placements (libs/case/src/tracks/lifecycle, through its CasePlacements port).
  exports: [PlacementClosure, CASE_PLACEMENTS],
})
export class ShelterModule {}
