import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRouteSnapshot, NavigationEnd, Router } from '@angular/router';
import { filter, map } from 'rxjs';

/** Route data key of a page shown without the app's header and margins (the recording template). */
export const BARE_PAGE = 'barePage';

/** Whether the page on screen asked to be shown bare; false until the first navigation ends. */
export function injectBarePage(): Signal<boolean> {
  const router = inject(Router);
  return toSignal(
    router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => isBare(router.routerState.snapshot.root)),
    ),
    { initialValue: false },
  );
}

function isBare(route: ActivatedRouteSnapshot): boolean {
  let deepest = route;
  while (deepest.firstChild) deepest = deepest.firstChild;
  return deepest.data[BARE_PAGE] === true;
}
