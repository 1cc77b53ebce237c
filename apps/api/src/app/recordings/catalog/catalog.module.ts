import { Module } from '@nestjs/common';

import { ControlModule } from '../control/control.module';
import { RecordingCatalogController } from './recording-catalog.controller';
import { RecordingCatalog } from './recording-catalog.service';
import { RecordingDetailsStore } from './recording-details.service';
import { RecordingIndex } from './recording-index.service';
import { RecordingPosterController } from './recording-poster.controller';
import { RecordingPosterService } from './recording-poster.service';
import { RecordingSharesController } from './recording-shares.controller';
import { ShareLinks } from './share-links';

/** The stored recordings: list, delete, index, posters, details and share links. It may ask control, through its facade. */
@Module({
  imports: [ControlModule],
  controllers: [RecordingPosterController, RecordingSharesController, RecordingCatalogController],
  providers: [RecordingCatalog, RecordingIndex, RecordingDetailsStore, RecordingPosterService, ShareLinks],
  exports: [ShareLinks],
})
export class CatalogModule {}
