import { requireRoomRecord } from './auth';
import type { EgressLifecycle } from './egress-lifecycle';
import { proto } from './protocol';
import { errors } from './twirp-errors';
import type { AnyTwirpMethod, TwirpMethod } from './twirp-server';

/** `livekit.Egress` methods the emulator serves; every one needs the `roomRecord` grant. */
export function egressService(lifecycle: EgressLifecycle): Record<string, AnyTwirpMethod> {
  // Without Redis, livekit-server has no egress service at all: every Egress call answers "egress not connected".
  const requireEgress = () => {
    if (lifecycle.startFailure === 'not_connected') throw errors.egressNotConnected();
  };
  return {
    StartRoomCompositeEgress: {
      request: proto.RoomCompositeEgressRequest,
      handle(req, claims) {
        requireRoomRecord(claims);
        return lifecycle.start(req);
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.RoomCompositeEgressRequest>>,

    StopEgress: {
      request: proto.StopEgressRequest,
      handle(req, claims) {
        requireRoomRecord(claims);
        requireEgress();
        return lifecycle.stop(req.egressId);
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.StopEgressRequest>>,

    ListEgress: {
      request: proto.ListEgressRequest,
      handle(req, claims) {
        requireRoomRecord(claims);
        requireEgress();
        if (req.egressId) {
          // With an id the other filters do not apply (ioservice.go loads exactly that egress).
          const info = lifecycle.get(req.egressId);
          if (!info) throw errors.egressNotFound();
          return new proto.ListEgressResponse({ items: [info] });
        }
        return new proto.ListEgressResponse({ items: lifecycle.list({ roomName: req.roomName, active: req.active }) });
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.ListEgressRequest>>,

    UpdateLayout: {
      request: proto.UpdateLayoutRequest,
      handle(req, claims) {
        requireRoomRecord(claims);
        requireEgress();
        return lifecycle.updateLayout(req.egressId, req.layout);
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.UpdateLayoutRequest>>,
  };
}
