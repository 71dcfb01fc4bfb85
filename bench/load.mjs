// A load generator in its own thread (the second core): POSTs pre-built requests over keep-alive
// connections, as fast as `concurrency` allows or at a fixed `rate`, and reports latencies.
// Plain JS so a worker thread can load it without a TypeScript loader.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

async function run(job) {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const u = new URL(job.url);
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let next = 0;
  const one = (i) => new Promise((resolve) => {
    const r = job.requests[i];
    const t0 = process.hrtime.bigint();
    const req = request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.statusCode === 200) ok++; else failed++;
        resolve();
      });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(r.body);
  });
  const start = Number(process.hrtime.bigint()) / 1e6;
  if (job.rate > 0) {
    const interval = 1000 / job.rate;
    const inflight = [];
    for (let i = 0; i < job.requests.length; i++) {
      const wait = start + i * interval - Number(process.hrtime.bigint()) / 1e6;
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(one(i));
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) await one(next++);
    }));
  }
  const seconds = (Number(process.hrtime.bigint()) / 1e6 - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  agent.destroy();
  return { ok, failed, seconds, perSecond: ok / seconds, p50: pct(0.5), p99: pct(0.99) };
}

if (parentPort && workerData) run(workerData).then((r) => parentPort.postMessage(r));
