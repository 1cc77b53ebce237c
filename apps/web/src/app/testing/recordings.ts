import { Recording } from '@recording/contracts';

/** A recording as the API lists it; the room name is taken from the file name. */
export function recording(name: string, overrides: Partial<Recording> = {}): Recording {
  const roomName = /^RoomComposite-(.+)-\d{4}-\d{2}-\d{2}T\d{6}-RM_/.exec(name)?.[1] ?? 'Test Room';
  return {
    name,
    roomName,
    roomId: 'RM_abc123',
    startedAt: Date.UTC(2026, 10, 23, 10, 15, 0),
    size: 5_242_880,
    duration: 125,
    status: 'complete',
    ...overrides,
  };
}

/** Waits for pending promise callbacks (HTTP answers reach components through async/await). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
