// The load generator, in a process of its own. Reads a job file (argv[2]: JSON { url, requests: [{ body, headers }],
// connections, rate }) and prints one JSON line of results. Every request of the list is sent exactly once.
// - rate 0: autocannon (as a library), as fast as `connections` allow. A client builds its next request only when it
//   sends it, so `amount` = the list's length sends each once. Latencies come from its `response` events at full
//   precision (its histogram keeps whole milliseconds), and the span from start to the last answer (its `duration`
//   counts whole ticks of a 1 s timer).
// - rate > 0: evenly spaced sends (one every 1/rate s) over keep-alive connections. autocannon's overallRate resets
//   per-connection counters each second, so it sends each second's requests in a burst at its start.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const list = job.requests;
const u = new URL(job.url);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function report(ok, failed, latencies, ms) {
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const seconds = ms / 1000;
  process.stdout.write(JSON.stringify({
    ok, failed, seconds, perSecond: ok / seconds,
    p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0,
  }) + '\n');
}

function flat() {
  let next = 0;
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let first = 0;
  let last = 0;
  const instance = autocannon({
    url: u.origin, connections: job.connections, amount: list.length, timeout: 10,
    requests: [{
      method: 'POST', path: u.pathname,
      setupRequest: (req) => {
        const r = list[next++ % list.length];
        return { ...req, method: 'POST', path: u.pathname, headers: r.headers, body: r.body };
      },
    }],
  }, (err, result) => {
    if (err) {
      process.stdout.write(JSON.stringify({ error: String(err) }) + '\n');
      process.exit(1);
    }
    report(ok, failed + result.errors + result.timeouts, latencies, last - first);
  });
  instance.on('start', () => { first = now(); });
  instance.on('response', (_client, status, _bytes, ms) => {
    last = now();
    latencies.push(ms);
    if (status >= 200 && status < 300) ok++; else failed++;
  });
}

async function paced() {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies = [];
  let ok = 0;
  let failed = 0;
  const one = (r) => new Promise((resolve) => {
    const t0 = now();
    const req = request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(now() - t0);
        if (res.statusCode >= 200 && res.statusCode < 300) ok++; else failed++;
        resolve();
      });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(r.body);
  });
  const start = now();
  const interval = 1000 / job.rate;
  const inflight = [];
  for (let i = 0; i < list.length; i++) {
    const wait = start + i * interval - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(one(list[i]));
  }
  await Promise.all(inflight);
  agent.destroy();
  report(ok, failed, latencies, now() - start);
}

if (job.rate > 0) await paced(); else flat();
