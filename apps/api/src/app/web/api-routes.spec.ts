import { Controller, Delete, Get, Module, Post, Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';

import { apiRouteSegments, routePathsOf } from './api-routes';
import { apiPathMatcher } from './spa-fallback';

@Controller('widgets')
class WidgetsController {
  @Get()
  list(): void {}

  @Get(':id')
  one(): void {}

  @Post('import')
  import(): void {}

  helper(): void {}
}

@Controller(['gadgets', 'legacy/gadgets'])
class GadgetsController {
  @Delete('*path')
  remove(): void {}
}

@Controller()
class RootController {
  @Get(':anything')
  catchAll(): void {}
}

async function segmentsOf(...controllers: Type<unknown>[]): Promise<string[]> {
  @Module({ imports: [DiscoveryModule], controllers })
  class HostModule {}
  const context = await NestFactory.createApplicationContext(HostModule, { logger: false });
  try {
    return apiRouteSegments(context);
  } finally {
    await context.close();
  }
}

describe('the API routes as Nest knows them', () => {
  it('joins controller and handler paths, skipping methods that are no routes', () => {
    expect(routePathsOf(WidgetsController).sort()).toEqual(['/widgets', '/widgets/:id', '/widgets/import']);
    expect(routePathsOf(GadgetsController)).toEqual(['/gadgets/*path', '/legacy/gadgets/*path']);
  });

  it('finds the first segment of every route of every controller, a new one included', async () => {
    await expect(segmentsOf(WidgetsController, GadgetsController)).resolves.toEqual(['gadgets', 'legacy', 'widgets']);
  });

  it('refuses a parametric route at the root, which would swallow the SPA deep links', async () => {
    await expect(segmentsOf(WidgetsController, RootController)).rejects.toThrow(/Route \/:anything of RootController sits at the root/);
  });
});

describe('apiPathMatcher', () => {
  const isApiPath = apiPathMatcher(['recordings', 'api']);

  it.each([
    ['/recordings', true],
    ['/recordings/RoomComposite-a-2026-11-23T101500-RM_x.mp4', true],
    ['/api/docs', true],
    ['/recordings.html', false],
    ['/recordingsx', false],
    ['/room/Test%20Room', false],
    ['/', false],
  ])('%s → %s', (path, expected) => expect(isApiPath(path)).toBe(expected));

  it('matches nothing without segments', () => {
    expect(apiPathMatcher([])('/anything')).toBe(false);
  });
});
