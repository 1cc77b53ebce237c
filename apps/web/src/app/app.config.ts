import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';

import { appRoutes } from './app.routes';
import { AppConfig } from './core/app-config';
import { AppTitleStrategy } from './core/title-strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withFetch()),
    provideRouter(appRoutes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: AppTitleStrategy },
    // `GET /config` once at start-up: the LiveKit URL comes from the server, not from the build.
    provideAppInitializer(() => inject(AppConfig).load()),
  ],
};
