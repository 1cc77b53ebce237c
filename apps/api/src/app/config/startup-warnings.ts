import { AppConfig } from './app-config';
import { isWeakLiveKitSecret, MIN_SECRET_LENGTH } from './environment';

export interface StartupWarning {
  event: string;
  message: string;
}

/**
 * What an operator must hear about at start-up: settings that leave the server open. Each is judged on its own,
 * so one warning never hides another (a SESSION_SECRET of its own does not make a weak LiveKit secret safe).
 */
export function startupWarnings(config: AppConfig): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  if (config.access.mode === 'open') {
    warnings.push({
      event: 'access.open',
      message: 'AUTH_MODE=open: anyone who reaches this server can list, play, download, share and delete every recording',
    });
  }
  if (isWeakLiveKitSecret(config.livekit.apiSecret)) {
    warnings.push({
      event: 'access.weak_secret',
      message:
        `LIVEKIT_API_SECRET is the development default or shorter than ${MIN_SECRET_LENGTH} characters: anyone can mint ` +
        'LiveKit tokens and forge webhooks' +
        (config.access.sessionSecretDerived ? ', cookies and share links' : '') +
        '; set a random secret of your own outside development (with NODE_ENV=production the server refuses this one)',
    });
  }
  return warnings;
}
