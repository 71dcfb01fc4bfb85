import { Writable } from 'node:stream';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPageFits, ledgerBoardCard } from '../../../cards/board/board.js';
import { cardBytes, validateCard } from '../../../cards/validate.js';
import { BOARD_REPOST_MS, createBoardProcessor, requestBoardRefresh, type BoardDeps } from '../../../jobs/board/queue.js';
import { contentHash, countItems, pageBoard, type BoardItem } from '../../../src/domain/board/board.js';
import type { FakeMessage } from '../../../src/local/fake-lark-server.js';
import { createLogger } from '../../../src/log.js';
import { createAuditStore } from '../../../src/store/audit.js';
import { createBoardStore } from '../../../src/store/board.js';
import { createKeys } from '../../../src/store/keys.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { boardItems } from '../../helpers/card-cases/board.js';

const CHAT = 'oc_announce_board';
const NAME = '群众路线教育实践活动';
let bot: TestBot;
let queue: Queue;
let worker: Worker;
let items: BoardItem[] = boardItems(200);
const clock = Date.UTC(2027, 2, 1, 1, 30);
let deps: BoardDeps;

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
  const d = bot.service.deps;
  // The board's own keys and queue name, apart from the service's board (whose ledger is empty).
  const keys = createKeys(`${bot.prefix}:it`);
  queue = new Queue('board-it', { connection: d.redis, prefix: d.keys.bullPrefix });
  deps = {
    board: { name: NAME, announceChatId: CHAT, timezone: 'Asia/Shanghai', locale: 'zh' },
    outbox: d.ctx.outbox, store: createBoardStore(d.redis, keys, createAuditStore(d.redis, keys)), queue,
    // This board's items are public (the 整改方案 accepted): the gated board is tested in plan-gate.test.ts.
    items: async () => items, published: async () => true, log: d.log, now: () => clock,
  };
  worker = new Worker('board-it', createBoardProcessor(deps).process, {
    connection: d.connect('blocking'), prefix: d.keys.bullPrefix, concurrency: 1,
  });
}, 30_000);
afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await bot?.stop();
});

const boardMessages = () => bot.fake.messagesTo(CHAT).filter((m) => JSON.stringify(m.content).includes('整改公示'));
const byCreation = (ms: FakeMessage[]) => [...ms].sort((a, b) => a.createdAt - b.createdAt);
/** The card without its "本页更新于 …" stamp. */
const shown = (c: unknown) => contentHash(JSON.stringify(c).replace(/本页更新于[\d: -]*/g, ''));

async function settled() {
  const q = bot.service.deps.queues.outbox;
  const idle = async () => {
    // Board first: a board job that is done has already handed its patches to the outbox.
    // The re-post of each generation waits 13 days; anything else delayed is work in progress.
    const reposts = (await queue.getDelayed()).filter((j) => j.name === 'repost').length;
    const b = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const o = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return b.waiting + b.active + b.prioritized === 0 && b.delayed === reposts && Object.values(o).every((n) => n === 0);
  };
  // Twice in a row: a job moving between states is never missed.
  await bot.until(async () => {
    if (!(await idle())) return false;
    await new Promise((r) => setTimeout(r, 50));
    return idle();
  }, 60_000, 'board and outbox queues to drain');
}

function expectedCards(list: BoardItem[]) {
  const pages = pageBoard(list, (p) => boardPageFits(p, NAME));
  const counts = countItems(list);
  return pages.map((p, i) => ledgerBoardCard(p, { campaignName: NAME, pageNo: i + 1, pages: pages.length, updatedAt: '', counts }));
}

describe('the public board in the announce chat', () => {
  let gen1: FakeMessage[] = [];

  it('posts 200 hostile items as pages in order, each a valid card under 30 KB', async () => {
    await requestBoardRefresh(queue);
    await bot.until(() => boardMessages().length >= 10, 60_000, 'ten board pages');
    await settled();
    gen1 = byCreation(boardMessages());
    expect(gen1).toHaveLength(10);
    const want = expectedCards(items);
    gen1.forEach((m, i) => {
      expect(validateCard(m.content)).toEqual([]);
      expect(cardBytes(m.content)).toBeLessThan(30 * 1024);
      expect(shown(m.content)).toBe(shown(want[i]));
    });
  }, 90_000);

  it('a burst of 50 changes in under a second: each page patched at most once a second, ending with the final items', async () => {
    const patchesBefore = gen1.map((m) => m.patches.length);
    const rebuildsBefore = (await queue.getJobCounts('completed')).completed;
    for (let i = 0; i < 50; i++) {
      const seq = [3, 25, 190][i % 3];
      items = items.map((it) => (it.seq === seq ? { ...it, commitment: `第 ${i} 次修改`, status: i % 2 ? 'review' : 'active' } : it));
      await requestBoardRefresh(queue);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 500));
    await settled();
    const want = expectedCards(items);
    const now = byCreation(boardMessages());
    expect(now.map((m) => m.messageId)).toEqual(gen1.map((m) => m.messageId));
    now.forEach((m, i) => expect(shown(m.content), `page ${i + 1}`).toBe(shown(want[i])));
    // Only the pages holding items 3, 25 and 190 (and page 1 for the counts) were touched, a few times each.
    const patched = now.map((m, i) => m.patches.length - patchesBefore[i]);
    expect(patched.map((n) => n > 0)).toEqual([true, true, false, false, false, false, false, false, false, true]);
    for (const n of patched) expect(n).toBeLessThanOrEqual(5);
    // 50 requests, a handful of rebuilds.
    expect((await queue.getJobCounts('completed')).completed - rebuildsBefore).toBeLessThanOrEqual(10);
    for (const m of now) {
      for (let i = 1; i < m.patches.length; i++) expect(m.patches[i].at - m.patches[i - 1].at).toBeGreaterThanOrEqual(800);
    }
  }, 90_000);

  it('when the ledger shrinks, left-over pages say （无） (never deleted)', async () => {
    items = items.map((it) => (it.seq > 150 ? { ...it, status: 'draft' } : it));
    await requestBoardRefresh(queue);
    await bot.until(() => JSON.stringify(byCreation(boardMessages())[9].content).includes('（无）'), 30_000, 'page 10 emptied');
    await settled();
    const now = byCreation(boardMessages());
    expect(now).toHaveLength(10);
    const want = expectedCards(items);
    expect(want).toHaveLength(8);
    now.slice(0, 8).forEach((m, i) => expect(shown(m.content)).toBe(shown(want[i])));
    for (const m of now.slice(8)) expect(JSON.stringify(m.content)).toContain('（无）');
  }, 60_000);

  it('re-posts before day 14: a new generation of pages, the old ones pointing to it; a second run sends nothing twice', async () => {
    const repost = await queue.getJob('board-repost-1');
    expect(await repost?.isDelayed()).toBe(true);
    // The job itself makes the re-post (the clock has not moved 13 days).
    await repost!.promote();
    await bot.until(() => boardMessages().length >= 18, 60_000, 'the new generation');
    await settled();
    const all = byCreation(boardMessages());
    const gen2 = all.filter((m) => !gen1.some((o) => o.messageId === m.messageId));
    expect(gen2).toHaveLength(8);
    const want = expectedCards(items);
    gen2.forEach((m, i) => expect(shown(m.content)).toBe(shown(want[i])));
    for (const old of all.filter((m) => gen1.some((o) => o.messageId === m.messageId))) {
      expect(JSON.stringify(old.content)).toContain('公示已更新，请查看最新一条公示');
    }
    expect(await (await queue.getJob('board-repost-2'))?.isDelayed()).toBe(true);

    const sends = bot.fake.requestsTo('im.message.create').length;
    const patches = bot.fake.requestsTo('im.message.patch').length;
    await queue.add('repost', { kind: 'repost', gen: 1 }, { jobId: 'board-repost-1-again' });
    await new Promise((r) => setTimeout(r, 300));
    await settled();
    expect(bot.fake.requestsTo('im.message.create').length).toBe(sends);
    expect(bot.fake.requestsTo('im.message.patch').length).toBe(patches);
    expect(boardMessages()).toHaveLength(18);
  }, 90_000);
});

describe('a board that is off or empty', () => {
  const recorder = () => {
    const calls: string[] = [];
    const outbox: BoardDeps['outbox'] = {
      send: async (m) => void calls.push(`send ${m.key}`),
      patch: async (k) => void calls.push(`patch ${k}`),
      messageId: async () => undefined,
    };
    return { calls, outbox };
  };

  it('without announceChatId, refresh is a no-op logged once', async () => {
    const r = recorder();
    const lines: string[] = [];
    const log = createLogger('debug', new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } }));
    const p = createBoardProcessor({ ...deps, board: { ...deps.board, announceChatId: undefined }, outbox: r.outbox, log });
    expect(await p.refresh()).toBe('off');
    expect(await p.refresh()).toBe('off');
    expect(r.calls).toEqual([]);
    expect(lines.filter((l) => l.includes('board is off'))).toHaveLength(1);
  });

  it('a refresh 13 days after the last posting re-posts even without its job (e.g. the job was lost)', async () => {
    const r = recorder();
    const keys = createKeys(`${bot.prefix}:late`);
    const d = bot.service.deps;
    const store = createBoardStore(d.redis, keys, createAuditStore(d.redis, keys));
    let at = clock;
    const outbox = { ...r.outbox, messageId: async () => 'om_x' };
    const p = createBoardProcessor({ ...deps, store, outbox, items: async () => boardItems(25), now: () => at });
    await p.refresh();
    await p.refresh();
    expect(r.calls).toEqual(['send board-1-p1', 'send board-1-p2']);
    at += BOARD_REPOST_MS;
    await p.refresh();
    expect(r.calls.slice(2)).toEqual(['patch board-1-p1', 'patch board-1-p2', 'send board-2-p1', 'send board-2-p2']);
    expect(await store.get()).toMatchObject({ gen: 2, postedAt: at, sent: 2 });
  });

  it('an empty or all-draft ledger posts nothing until the first public item', async () => {
    const r = recorder();
    const keys = createKeys(`${bot.prefix}:empty`);
    const d = bot.service.deps;
    const store = createBoardStore(d.redis, keys, createAuditStore(d.redis, keys));
    let list: BoardItem[] = boardItems(3).map((i) => ({ ...i, status: 'draft' }));
    const p = createBoardProcessor({ ...deps, store, outbox: r.outbox, items: async () => list });
    expect(await p.refresh()).toBe('nothing public yet');
    expect(r.calls).toEqual([]);
    expect(await store.get()).toBeUndefined();
    list = [{ ...list[0], status: 'active' }];
    await p.refresh();
    expect(r.calls).toEqual(['send board-1-p1']);
    expect((await store.get())?.sent).toBe(1);
    // Nothing changed: nothing is sent or patched again.
    await p.refresh();
    expect(r.calls).toEqual(['send board-1-p1']);
  });

  it('gated (整改方案 not accepted): one title-only page whatever the items; published: that page patched, the rest sent', async () => {
    const sent: { key: string; card: string }[] = [];
    const outbox: BoardDeps['outbox'] = {
      send: async (m) => void sent.push({ key: m.key, card: JSON.stringify(m.body) }),
      patch: async (key, card) => void sent.push({ key: `patch ${key}`, card: JSON.stringify(card) }),
      messageId: async () => 'om_x',
    };
    const keys = createKeys(`${bot.prefix}:gated`);
    const d = bot.service.deps;
    const store = createBoardStore(d.redis, keys, createAuditStore(d.redis, keys));
    let list: BoardItem[] = boardItems(3).map((i) => ({ ...i, status: 'draft' }));
    let open = false;
    const p = createBoardProcessor({ ...deps, store, outbox, items: async () => list, published: async () => open });
    expect(await p.refresh()).toBe('nothing public yet');
    list = boardItems(45);
    await p.refresh();
    list = list.map((i) => ({ ...i, commitment: '改过的承诺', status: 'review' }));
    await p.refresh();
    expect(sent.map((x) => x.key)).toEqual(['board-1-p1']);
    expect(sent[0]!.card).toContain('整改方案审定后公示');
    expect(sent[0]!.card).not.toContain('承诺');
    expect(sent[0]!.card).not.toContain('待销号');
    open = true;
    await p.refresh();
    expect(sent.map((x) => x.key)).toEqual(['board-1-p1', 'patch board-1-p1', 'board-1-p2', 'board-1-p3']);
    expect(sent[1]!.card).toContain('改过的承诺');
    expect(sent[1]!.card).not.toContain('整改方案审定后公示');
  });
});
