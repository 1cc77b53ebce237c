import { autocannonLoad } from '../load/autocannon-load';
import { Measurements } from '../metrics';
import { PeakRssProbe } from '../process-memory';
import { WORKLOAD } from '../workload';

/** The recordings page: everything (the original client), one page, and one room's recordings. */
export async function benchmarkListing(
  apiUrl: string,
  apiPid: number,
  sampleRoom: string,
  plan = WORKLOAD.listing,
): Promise<Measurements & { failures: number }> {
  const memory = new PeakRssProbe(apiPid);
  const common = { connections: plan.connections, durationSeconds: plan.durationSeconds, expectedStatus: 200 };
  const all = await autocannonLoad({ ...common, url: `${apiUrl}/recordings` });
  const page = await autocannonLoad({ ...common, url: `${apiUrl}/recordings?maxItems=${plan.pageSize}` });
  const room = await autocannonLoad({ ...common, url: `${apiUrl}/recordings?roomName=${encodeURIComponent(sampleRoom)}` });
  const peakRss = memory.finish();
  return {
    'list.all.p50': all.p50Ms,
    'list.all.p99': all.p99Ms,
    'list.page.p50': page.p50Ms,
    'list.page.p99': page.p99Ms,
    'list.room.p50': room.p50Ms,
    'list.room.p99': room.p99Ms,
    'list.peakRss': peakRss / 2 ** 20,
    failures: all.failures + page.failures + room.failures,
  };
}
