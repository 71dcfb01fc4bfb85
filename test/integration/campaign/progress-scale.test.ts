import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, isoWeek, newOpinionId, SOURCES } from '../../../src/domain/opinions/opinion.js';
import { messageEvent } from '../../../src/local/lark-push.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';

/**
 * 进度 at scale (issue #12): with 50,000 opinions stored, the card's figures equal the stored records — the
 * total, the handled ones, and every source group's received and handled counts — read from the counters.
 */

const N = 50_000;
const HANDLED_EVERY = 7;
let bot: TestBot;
const expectedBySource = new Map<string, number>();
const handledBySource = new Map<string, number>();
let handled = 0;

beforeAll(async () => {
  bot = await startTestBot();
  const store = bot.service.deps.ctx.store.opinions;
  const entry = { at: bot.service.deps.ctx.now(), actor: 'ou_admin_liu', action: 'opinion.reply', detail: {} };
  for (let start = 0; start < N; start += 1000) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < start + 1000; i++) {
      const day = '2027-03-01';
      const source = SOURCES[(i * 7) % 8]!.key;
      expectedBySource.set(source, (expectedBySource.get(source) ?? 0) + 1);
      const id = newOpinionId();
      batch.push(store.create({
        id, codeHmac: `c${i}`, category: CATEGORIES[i % 8]!.key, source, target: 'team', text: `意见${i}`,
        anonymous: true, day, dayNumber: Date.parse(day) / 86_400_000, week: isoWeek(day),
      }).then(async () => {
        if (i % HANDLED_EVERY) return;
        handled++;
        handledBySource.set(source, (handledBySource.get(source) ?? 0) + 1);
        await store.update(id, { from: 'received', to: 'answered' }, entry);
      }));
    }
    await Promise.all(batch);
  }
}, 120_000);
afterAll(async () => { await bot?.stop(); });

describe('进度 with 50,000 opinions', () => {
  it('shows the stored totals and every source group\'s count', async () => {
    const chatId = 'oc_p2p_ou_admin_liu';
    await bot.push('im.message.receive_v1', messageEvent({ senderOpenId: 'ou_admin_liu', chatId, chatType: 'p2p', text: '进度' }));
    const cards = () => bot.fake.messagesTo(chatId).filter((m) => JSON.stringify(m.content).includes('活动进度'));
    await bot.until(() => cards().length === 1, 20_000, 'the 进度 card');
    const card = JSON.stringify(cards()[0]!.content);
    expect(card).toContain(`共收到 ${N} 条，已办理 ${handled} 条（${Math.round((handled / N) * 100)}%）`);
    type Chart = { tag: string; chart_spec?: { type: string; data: { values: { name: string; count: number }[] } } };
    const [received, answered] = (JSON.parse(card).body.elements as Chart[]).filter((e) => e.chart_spec?.type === 'bar')
      .map((e) => new Map(e.chart_spec!.data.values.map((b) => [b.name, b.count])));
    const label = (key: string) => SOURCES.find((s) => s.key === key)!.zh;
    expect(received).toEqual(new Map([...expectedBySource].map(([k, n]) => [label(k), n])));
    expect(answered).toEqual(new Map([...handledBySource].map(([k, n]) => [label(k), n])));
  }, 60_000);
});
