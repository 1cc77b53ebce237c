import { TokenVerifier } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';

const SECRET = 'access-token-spec-secret-0123456789abcdef';
const config = AppConfig.fromEnvironment({ LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: SECRET });
const tokens = new AccessTokenService(config);

describe('AccessTokenService', () => {
  it('makes recorder tokens as Egress does: kind egress, hidden, recorder, subscribe only', async () => {
    const claims = await new TokenVerifier('devkey', SECRET).verify(await tokens.signRecorder('EM_abc', 'Board Room', '24h'));
    expect(claims.sub).toBe('EM_abc');
    expect(claims.kind).toBe('egress');
    expect(claims.video).toEqual({
      room: 'Board Room',
      roomJoin: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      hidden: true,
      recorder: true,
    });
  });

  it("refuses a recorder's token as anybody's credential, and accepts a participant's", async () => {
    expect(await tokens.verify(await tokens.signRecorder('EM_abc', 'Board Room', '1h'))).toEqual({
      valid: false,
      refusal: 'a recorder token',
    });
    const person = await tokens.sign(
      { identity: 'Ann#1', name: 'Ann', ttl: '1h' },
      { room: 'Board Room', roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true },
    );
    expect(await tokens.verify(person)).toMatchObject({ valid: true, token: { room: 'Board Room', name: 'Ann' } });
  });
});
