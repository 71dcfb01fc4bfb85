import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterUnsupported } from '../../helpers/redis-cluster.js';

/**
 * Every store's scripts and MULTIs inside one hash slot: the store tests (test/src/store) run again, in a child
 * vitest, on a one-node Redis Cluster holding every slot (REDIS_TEST_SLOTS=1, test/helpers/global-setup.ts), where a
 * MULTI, a script or a multi-key command whose keys span two slots fails with CROSSSLOT. `npm run test:slots` does the
 * same for the handler, job and integration tests.
 */

const unsupported = clusterUnsupported();
if (unsupported) console.warn(`skipped: the slot check needs a cluster-capable Redis here: ${unsupported}`);

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe.skipIf(unsupported !== undefined)('the store tests on a one-node Redis Cluster', () => {
  it('pass: no store writes across hash slots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlb-slots-'));
    const report = join(dir, 'report.json');
    try {
      await new Promise<void>((done) => {
        execFile(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/src/store',
          '--reporter=json', `--outputFile=${report}`], { cwd: root, env: { ...process.env, REDIS_TEST_SLOTS: '1' } }, () => done());
      });
      const r = JSON.parse(readFileSync(report, 'utf8')) as {
        numTotalTests: number; numFailedTests: number; numFailedTestSuites: number;
        testResults: { name: string; message: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
      };
      const failures = r.testResults.flatMap((f) => [
        ...(f.message ? [`${f.name}: ${f.message.split('\n')[0]}`] : []),
        ...f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.title}: ${a.failureMessages[0]?.split('\n')[0]}`),
      ]);
      expect(failures).toEqual([]);
      expect(r.numTotalTests).toBeGreaterThan(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
