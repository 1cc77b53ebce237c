import { EgressInfo, Room } from 'livekit-server-sdk';

import { proto } from './protocol';

describe('protocol classes', () => {
  it("are the SDK's own @livekit/protocol instance, not the hoisted livekit-client copy", () => {
    expect(proto.EgressInfo).toBe(EgressInfo);
    expect(proto.Room).toBe(Room);
  });
});
