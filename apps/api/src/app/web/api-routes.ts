import type { INestApplicationContext, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return metadata === undefined ? [] : [String(metadata)];
}

/** The paths of every route handler of a controller class (controller path joined with the method's). */
export function routePathsOf(controller: Type<unknown>, scanner = new MetadataScanner()): string[] {
  const prototype = controller.prototype as Record<string, unknown>;
  const methodPaths = scanner
    .getAllMethodNames(prototype)
    .flatMap((name) => pathsOf(Reflect.getMetadata(PATH_METADATA, prototype[name] as object)));
  return pathsOf(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((base) =>
    methodPaths.map((path) => `/${[base, path].join('/')}`.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')),
  );
}

/**
 * The first path segment of every route the app's controllers declare (`recordings` for `/recordings/:name`),
 * read from Nest's own route metadata at start-up, so a new controller is an API path without anyone listing it.
 */
export function apiRouteSegments(app: INestApplicationContext): string[] {
  const segments = new Set<string>();
  for (const { metatype, name } of app.get(DiscoveryService).getControllers()) {
    if (!metatype) continue;
    for (const path of routePathsOf(metatype as Type<unknown>)) {
      const first = path.split('/')[1] ?? '';
      if (first === '' || /^[:*{]/.test(first)) {
        throw new Error(
          `Route ${path} of ${String(name)} sits at the root: the SPA's deep links would reach it; give the controller a path`,
        );
      }
      segments.add(first);
    }
  }
  return [...segments].sort();
}

/** Every route path the app's controllers declare (`/recordings/:recordingName`), as Nest registers it with Express. */
export function controllerRoutePaths(discovery: DiscoveryService): Set<string> {
  return new Set(discovery.getControllers().flatMap(({ metatype }) => (metatype ? routePathsOf(metatype as Type<unknown>) : [])));
}
