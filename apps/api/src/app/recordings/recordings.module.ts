import { Module } from '@nestjs/common';

import { CatalogModule } from './catalog/catalog.module';
import { ControlModule } from './control/control.module';
import { NestedPathsController } from './nested-paths.controller';
import { PlaybackModule } from './playback/playback.module';

/** The catch-all for nested paths under /recordings, in a module of its own so that its routes come last. */
@Module({ controllers: [NestedPathsController] })
class NestedPathsModule {}

/**
 * Recordings in three rooms that face one way: control (start, stop and everything that follows a recording while it
 * is made), catalog (the stored recordings; it may ask control), playback (playing them; it asks neither). Nest
 * registers routes module by module in the order it meets them: the nested-paths module is met last.
 */
@Module({
  imports: [ControlModule, CatalogModule, PlaybackModule, NestedPathsModule],
  exports: [ControlModule],
})
export class RecordingsModule {}
