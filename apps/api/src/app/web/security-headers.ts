import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';

import { AppConfig } from '../config/app-config';
import { recordingTemplateLiveKitSources } from './recording-template-csp';

/** The http(s) and ws(s) origins of a URL: livekit-client opens the WebSocket and also probes over HTTP(S). */
function bothSchemes(url: string): string[] {
  const { host, protocol } = new URL(url);
  const secure = protocol === 'https:' || protocol === 'wss:';
  return [`${secure ? 'wss' : 'ws'}://${host}`, `${secure ? 'https' : 'http'}://${host}`];
}

/**
 * helmet on every answer: a Content-Security-Policy that allows the SPA's own files, its API (same origin) and the
 * LiveKit server browsers connect to (`LIVEKIT_PUBLIC_URL`), and nothing else; no framing; no referrer (share links
 * carry their token in the path); nosniff. `extraMediaOrigins`: where the SPA may play recordings from besides this
 * server (the blob endpoint when it plays through SAS URLs). The recording template's page may also connect to the
 * LiveKit server its `url` parameter names (see recording-template-csp.ts).
 */
export function securityHeaders(config: AppConfig, extraMediaOrigins: readonly string[] = []): RequestHandler {
  const liveKitSources = bothSchemes(config.livekit.publicUrl);
  const connectSources = (request: IncomingMessage) => {
    const sources = ["'self'", ...liveKitSources, ...recordingTemplateLiveKitSources(request.url)];
    return [...new Set(sources)].join(' ');
  };
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        // Angular sets component styles and style bindings at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...extraMediaOrigins],
        fontSrc: ["'self'"],
        connectSrc: [connectSources],
        mediaSrc: ["'self'", 'blob:', ...extraMediaOrigins],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers only honour HSTS over HTTPS; subdomains are the deployment's own business.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  });
}
