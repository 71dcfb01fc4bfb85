// The load generator, in a process of its own: autocannon as a library. Reads a job file (argv[2]: JSON
// { url, requests: [{ body, headers }], connections, rate }) and prints one JSON line of results.
// Every request is sent once (unique signed events); latencies are taken from autocannon's `response`
// events at full precision (its own histogram rounds to whole milliseconds). A client builds its next request only
// when it sends it, so `amount` = the list sends each request exactly once.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const list = job.requests;
let next = 0;
const latencies = [];
let ok = 0;
let failed = 0;
const u = new URL(job.url);
const connections = job.rate > 0 ? Math.min(job.connections, job.rate) : job.connections;
const instance = autocannon({
  url: u.origin,
  connections,
  amount: list.length,
  ...(job.rate > 0 ? { overallRate: job.rate } : {}),
  timeout: 10,
  requests: [{
    method: 'POST',
    path: u.pathname,
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
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const seconds = result.duration;
  process.stdout.write(JSON.stringify({
    ok, failed: failed + result.errors + result.timeouts, seconds, perSecond: ok / seconds,
    p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0,
  }) + '\n');
});
instance.on('response', (_client, status, _bytes, ms) => {
  latencies.push(ms);
  if (status >= 200 && status < 300) ok++; else failed++;
});
