import { RECORDING_TEMPLATE_PATH, WATCH_PATH } from '@recording/contracts';

import { inject } from '@angular/core';
import { ActivatedRouteSnapshot, Route, Router } from '@angular/router';

import { BARE_PAGE } from './core/page-chrome';
import { AllRecordingsPage } from './recordings/all-recordings.page';
import { ActiveCall } from './room/active-call';
import { JoinPage } from './room/join.page';

/** The call view needs a joined call; anyone else (a shared link, a reload) goes to the join form. */
function inCallGuard(route: ActivatedRouteSnapshot) {
  const roomName = route.paramMap.get('roomName') ?? '';
  return inject(ActiveCall).session()?.roomName === roomName
    ? true
    : inject(Router).createUrlTree(['/'], { queryParams: { room: roomName || null } });
}

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', component: JoinPage, title: 'Join a call' },
  {
    path: 'room/:roomName',
    canActivate: [inCallGuard],
    canDeactivate: [(page: { canLeave(): boolean }) => page.canLeave()],
    // Everything that imports livekit-client lives behind this import.
    loadComponent: () => import('./room/call.page').then((m) => m.CallPage),
    title: (route) => route.paramMap.get('roomName') ?? 'Call',
  },
  // The original tutorial's address; `/recordings` itself is the JSON API.
  { path: 'recordings.html', component: AllRecordingsPage, title: 'All recordings' },
  // A share link: plays one recording for anyone who has the link.
  {
    path: `${WATCH_PATH}/:token`,
    loadComponent: () => import('./recordings/watch.page').then((m) => m.WatchPage),
    title: 'Shared recording',
  },
  // What LiveKit Egress and the embedded recorder render and capture: the stage alone, no header.
  {
    path: RECORDING_TEMPLATE_PATH,
    data: { [BARE_PAGE]: true },
    loadComponent: () => import('./recording-template/recording-template.page').then((m) => m.RecordingTemplatePage),
    title: 'Recording',
  },
  {
    path: '**',
    loadComponent: () => import('./not-found.page').then((m) => m.NotFoundPage),
    title: 'Page not found',
  },
];
