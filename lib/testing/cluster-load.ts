/**
 * The map's load, for the benchmarks: concurrent clients asking a campaign's
 * cluster endpoint for random views (zoom 10 to 17 inside the campaign's
 * bounds, a quarter filtered to successful visits), each sending its next
 * request when its last is answered, as a map being panned does.
 *
 * A first round of as many requests is sent and not counted: a server that
 * has run a while has its code compiled, and the first requests after a
 * start measure the compiler rather than the endpoint.
 *
 * @example
 *   const { latencies, serverTimes } = await clusterLoad({ urls: [url], campaignId, cookie, bounds, requests: 1200 });
 */

export type ClusterLoad = {
  /** One instance's URL, or several taken in turn, as a load balancer would. */
  urls: readonly string[];
  campaignId: string;
  cookie: string;
  bounds: readonly number[];
  requests: number;
  clients?: number;
};

export async function clusterLoad({ urls, campaignId, cookie, bounds, requests, clients = 8 }: ClusterLoad) {
  const [west, south, east, north] = bounds as [number, number, number, number];
  const latencies: number[] = [];
  /** The time the handlers themselves spent (Server-Timing), queueing aside. */
  const serverTimes: number[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (sent < 2 * requests) {
        const n = ++sent;
        const zoom = 10 + Math.floor(Math.random() * 8);
        const span = 360 / 2 ** zoom;
        const lng = west + Math.random() * (east - west);
        const lat = south + Math.random() * (north - south);
        const filter = Math.random() < 0.25 ? '&outcome=successful' : '';
        const started = performance.now();
        const response = await fetch(
          `${urls[n % urls.length]}/api/map/${campaignId}/clusters?bbox=${lng - span},${lat - span / 2},${lng + span},${lat + span / 2}&zoom=${zoom}${filter}`,
          { headers: { cookie } },
        );
        await response.arrayBuffer();
        if (n <= requests) continue;
        latencies.push(performance.now() - started);
        serverTimes.push([...(response.headers.get('server-timing') ?? '').matchAll(/dur=([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0));
      }
    }),
  );
  return { latencies, serverTimes };
}
