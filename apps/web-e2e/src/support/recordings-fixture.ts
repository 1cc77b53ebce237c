import { StartRecordingResponse } from '@recording/contracts';

import { EMULATOR_URL_VARIABLE } from './e2e-environment';

function emulatorUrl(): string {
  const url = process.env[EMULATOR_URL_VARIABLE];
  if (!url) throw new Error('The e2e global setup did not run');
  return url;
}

async function control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<unknown> {
  const response = await fetch(`${emulatorUrl()}/emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Emulator ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

interface EgressView {
  egressId: string;
  roomName: string;
  status: string;
  filename: string;
}

async function waitForEgress(roomName: string, status: string): Promise<EgressView> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { egresses } = (await control(`/egresses?roomName=${encodeURIComponent(roomName)}`)) as { egresses: EgressView[] };
    const egress = egresses.find((e) => e.roomName === roomName && e.status === status);
    if (egress) return egress;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No egress of ${roomName} reached ${status}`);
}

/**
 * Records a room the way a user would through the API (start, wait until the egress is active, stop)
 * and waits until the emulated egress has written the MP4. Returns the recording's name.
 */
export async function recordRoom(baseUrl: string, roomName: string): Promise<string> {
  await control(`/rooms/${encodeURIComponent(roomName)}/participants`, { identity: `host-${Date.now()}`, publisher: true });
  const started = await fetch(`${baseUrl}/recordings/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomName }),
  });
  if (!started.ok) throw new Error(`Start failed: ${started.status} ${await started.text()}`);
  const { recording } = (await started.json()) as StartRecordingResponse;
  await waitForEgress(roomName, 'EGRESS_ACTIVE');
  const stopped = await fetch(`${baseUrl}/recordings/stop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomName }),
  });
  if (!stopped.ok) throw new Error(`Stop failed: ${stopped.status} ${await stopped.text()}`);
  await waitForEgress(roomName, 'EGRESS_COMPLETE');
  return recording.name;
}
