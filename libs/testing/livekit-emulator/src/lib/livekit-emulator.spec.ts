import { livekitEmulator } from './livekit-emulator';

describe('livekitEmulator', () => {
  it('should work', () => {
    expect(livekitEmulator()).toEqual('livekit-emulator');
  })
})
