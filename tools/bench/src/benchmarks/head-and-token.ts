import { autocannonLoad } from '../load/autocannon-load';
import { nodeHttpLoad } from '../load/node-http-load';
import { Measurements } from '../metrics';
import { WORKLOAD } from '../workload';

/** The two cheap calls a page makes often: a HEAD before playing, and a token to join a room. */
export async function benchmarkHeadAndToken(
  apiUrl: string,
  recordingName: string,
  plan = WORKLOAD,
): Promise<Measurements & { failures: number }> {
  const head = await nodeHttpLoad({
    url: `${apiUrl}/recordings/${encodeURIComponent(recordingName)}`,
    method: 'HEAD',
    connections: plan.head.connections,
    durationSeconds: plan.head.durationSeconds,
    expectedStatus: 200,
  });
  const token = await autocannonLoad({
    url: `${apiUrl}/token`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomName: 'Bench Room', participantName: 'Bench Participant' }),
    connections: plan.token.connections,
    durationSeconds: plan.token.durationSeconds,
    expectedStatus: 200,
  });
  return {
    'head.perSecond': head.perSecond,
    'head.p99': head.p99Ms,
    'token.perSecond': token.perSecond,
    'token.p99': token.p99Ms,
    failures: head.failures + token.failures,
  };
}
