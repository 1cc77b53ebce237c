import { requireRoomAdmin, requireRoomCreate, requireRoomList } from './auth';
import { proto } from './protocol';
import type { RoomRegistry } from './room-registry';
import { errors, TwirpError } from './twirp-errors';
import type { AnyTwirpMethod, TwirpMethod } from './twirp-server';
import type { RoomMetadataUpdate, SentDataPacket } from './types';

/** livekit-server rejects room metadata over 512 KiB before checking grants. */
const MAX_METADATA_BYTES = 512 * 1024;

/** `livekit.RoomService` methods the emulator serves. */
export function roomService(
  rooms: RoomRegistry,
  sentData: SentDataPacket[],
  metadataUpdates: RoomMetadataUpdate[],
): Record<string, AnyTwirpMethod> {
  return {
    ListRooms: {
      request: proto.ListRoomsRequest,
      handle(req, claims) {
        requireRoomList(claims);
        const selected = rooms.all().filter((r) => req.names.length === 0 || req.names.includes(r.name));
        return new proto.ListRoomsResponse({ rooms: selected.map((r) => rooms.toRoom(r)) });
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.ListRoomsRequest>>,

    ListParticipants: {
      request: proto.ListParticipantsRequest,
      handle(req, claims) {
        requireRoomAdmin(claims, req.room);
        // An unknown room is an empty list, not 404 (the participant store is simply empty for it).
        const room = rooms.get(req.room);
        const participants = room ? [...room.participants.values()].map((p) => rooms.toParticipant(p)) : [];
        return new proto.ListParticipantsResponse({ participants });
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.ListParticipantsRequest>>,

    UpdateRoomMetadata: {
      request: proto.UpdateRoomMetadataRequest,
      handle(req, claims) {
        if (Buffer.byteLength(req.metadata, 'utf8') > MAX_METADATA_BYTES) {
          throw new TwirpError('invalid_argument', `metadata size exceeds limits ${MAX_METADATA_BYTES}`, {
            argument: 'metadata size exceeds limits',
          });
        }
        requireRoomAdmin(claims, req.room);
        const room = rooms.get(req.room);
        if (!room) throw errors.roomNotFound();
        // OSS applies an empty string too (clearing the metadata), whatever the proto comment says.
        room.metadata = req.metadata;
        metadataUpdates.push({ room: room.name, metadata: req.metadata });
        return rooms.toRoom(room);
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.UpdateRoomMetadataRequest>>,

    SendData: {
      request: proto.SendDataRequest,
      handle(req, claims) {
        requireRoomAdmin(claims, req.room);
        if (req.nonce.length !== 0 && req.nonce.length !== 16) {
          throw new TwirpError('invalid_argument', 'nonce should be 16-bytes or not present');
        }
        // The message is routed to the node that hosts the room; for a room nobody hosts, nobody answers.
        if (!rooms.get(req.room)) throw errors.noResponse();
        sentData.push({
          room: req.room,
          topic: req.topic ?? '',
          payload: Buffer.from(req.data).toString('utf8'),
          payloadBase64: Buffer.from(req.data).toString('base64'),
          destinationIdentities: [...req.destinationIdentities],
          kind: req.kind === proto.DataPacket_Kind.LOSSY ? 'LOSSY' : 'RELIABLE',
        });
        return new proto.SendDataResponse();
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.SendDataRequest>>,

    CreateRoom: {
      request: proto.CreateRoomRequest,
      handle(req, claims) {
        requireRoomCreate(claims);
        if (req.name === '') throw new TwirpError('invalid_argument', 'room name is required');
        return rooms.toRoom(rooms.create(req.name, req.metadata));
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.CreateRoomRequest>>,

    DeleteRoom: {
      request: proto.DeleteRoomRequest,
      handle(req, claims) {
        requireRoomCreate(claims);
        if (!rooms.delete(req.room)) throw errors.roomNotFound();
        return new proto.DeleteRoomResponse();
      },
    } satisfies TwirpMethod<InstanceType<typeof proto.DeleteRoomRequest>>,
  };
}
