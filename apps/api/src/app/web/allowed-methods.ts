import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { MethodNotAllowedError } from '../errors/domain-errors';
import { pathOf } from '../logging/http-logger';
import { controllerRoutePaths } from './api-routes';

/** What this needs of Express 5's router: its layers, each with a route (and its methods) or none (middleware). */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}

/** OpenAPI's order: a path without parameters before templated ones, and those before catch-alls (`*path`). */
const precedenceOf = (routePath: string): number => (routePath.includes('*') ? 2 : routePath.includes(':') ? 1 : 0);

/**
 * The methods the controllers' routes answer at a path, read from Express's own routing table (the routes Nest
 * registered from the controllers; middleware mounted for every method is no route of the API), so nothing is listed
 * by hand: what `Allow` says on a 405. The path belongs to the routes of the first precedence that matches it, as in
 * OpenAPI: `/recordings/start` is start's path (POST), not a recording named `start`; `/recordings/<name>/poster` is
 * the poster's (GET), not a nested name. HEAD goes with GET, as Express answers it.
 */
@Injectable()
export class AllowedMethods {
  private routes?: RouterLayer[][];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Empty when no route of the API has this path. */
  at(path: string): string[] {
    const owners = this.routesByPrecedence().find((routes) => routes.some((layer) => matches(layer, path))) ?? [];
    const methods = new Set<string>();
    for (const layer of owners.filter((route) => matches(route, path))) {
      for (const [method, served] of Object.entries(layer.route!.methods)) {
        if (served && method !== '_all') methods.add(method.toUpperCase());
      }
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }

  /** Read once, at the first request: by then Nest has registered every route. */
  private routesByPrecedence(): RouterLayer[][] {
    if (this.routes) return this.routes;
    const paths = controllerRoutePaths(this.discovery);
    const layers = this.adapterHost.httpAdapter.getInstance<{ router: { stack: RouterLayer[] } }>().router.stack;
    const routes = layers.filter((layer) => layer.route !== undefined && paths.has(layer.route.path));
    this.routes = [0, 1, 2].map((precedence) => routes.filter((layer) => precedenceOf(layer.route!.path) === precedence));
    return this.routes;
  }
}

/**
 * Before any route: a path of the API asked with a method it does not serve there is 405 with `Allow` (RFC 9110), not
 * the 404 or 400 of another route that happens to match it. OPTIONS is left alone: CORS answers preflights.
 */
export function rejectUnservedMethods(allowedMethods: AllowedMethods): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (request.method === 'OPTIONS') return next();
    const allowed = allowedMethods.at(request.path);
    if (allowed.length === 0 || allowed.includes(request.method)) return next();
    next(new MethodNotAllowedError(request.method, pathOf(request.path), allowed));
  };
}

/** A path whose parameter is not correctly percent-encoded still has the route's shape: its decoding throws, not its match. */
function matches(layer: RouterLayer, path: string): boolean {
  try {
    return Boolean(layer.match(path));
  } catch {
    return true;
  }
}

@Module({ imports: [DiscoveryModule], providers: [AllowedMethods], exports: [AllowedMethods] })
export class AllowedMethodsModule {}
