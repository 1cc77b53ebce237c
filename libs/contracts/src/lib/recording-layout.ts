/**
 * How a recording arranges the room (LiveKit Egress's RoomComposite layouts): everyone in a grid, the active speaker
 * large with the others in a strip, or only the active speaker. `POST /recordings/start` takes one, `POST
 * /recordings/layout` switches a running recording to another, and the recording template renders them.
 */
export const RECORDING_LAYOUTS = ['grid', 'speaker', 'single-speaker'] as const;

export type RecordingLayout = (typeof RECORDING_LAYOUTS)[number];

export const DEFAULT_RECORDING_LAYOUT: RecordingLayout = 'grid';

export function isRecordingLayout(value: unknown): value is RecordingLayout {
  return typeof value === 'string' && (RECORDING_LAYOUTS as readonly string[]).includes(value);
}

/** The SPA's page that Egress (with `customBaseUrl`) and the embedded recorder render: `/recording-template`. */
export const RECORDING_TEMPLATE_PATH = 'recording-template';

/**
 * What a recorder's token grants in its room, as Egress makes it for its template (livekit/protocol egress/token.go),
 * besides `room`: subscribe only, `hidden` (nobody sees it) and `recorder` (LiveKit marks the room as being recorded
 * while it is in). The token's participant kind is `egress`. Used by the embedded recorder and by the test stand-ins.
 */
export const RECORDER_GRANT = {
  roomJoin: true,
  canSubscribe: true,
  canPublish: false,
  canPublishData: false,
  hidden: true,
  recorder: true,
} as const;
