import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot, campaignFile, exampleCampaign } from '../../helpers/bot.js';
import { TEST_START } from '../../helpers/clock.js';

/**
 * A rater group given as a chat (DESIGN §2.2 `Members.chats`): its members, read from Lark when the round is created,
 * vote in that group; a person in two groups votes once, in the group listed first; nobody else votes.
 * The fake Lark's `oc_group_1` holds ou_member_01, ou_member_02 and ou_admin_liu.
 */

const example = exampleCampaign();
const campaignPath = campaignFile({
  ...example,
  raterGroups: [
    { key: 'team', name: '班子成员', weight: 0.4, members: { users: [{ openId: 'ou_leader_wang' }, { openId: 'ou_member_02' }], chats: [] } },
    { key: 'branch', name: '机关支部', weight: 0.6, members: { users: [], chats: ['oc_group_1'] } },
  ],
});

const ADMIN = 'ou_admin_liu';
const str = (x: unknown) => JSON.stringify(x);
let bot: TestBot;
beforeAll(async () => { bot = await startTestBot({ campaignPath }); });
afterAll(async () => { await bot?.stop(); });

describe('rater groups given as chats', () => {
  it('the chat’s members vote in its group, a person in two groups in the first, the members outside every group not at all', async () => {
    const form = await bot.click(ADMIN, { a: 'ev.new' });
    const subjects = [...new Set([...str(form.card.data).matchAll(/"value":"((?:team|l)[0-9a-f]*)"/g)].map((m) => m[1]))];
    const closes = new Date(TEST_START + 2 * 86_400_000).toISOString().slice(0, 10) + ' +0800';
    const r = await bot.click(ADMIN, { a: 'ev.create' }, {
      ev_title: '支部测评', ev_kind: 'democratic', ev_mode: 'electronic', ev_closes: closes, ev_k: '3', ev_subj: subjects,
    });
    expect(r.toast.type, str(r)).toBe('success');
    const store = bot.service.deps.ctx.store.evaluations;
    const id = (await store.list()).find((x) => x.title === '支部测评')!.id;
    expect(await store.voters(id)).toEqual({
      ou_leader_wang: 'team', ou_member_02: 'team', ou_member_01: 'branch', ou_admin_liu: 'branch',
    });
    const seen = await bot.click(ADMIN, { a: 'ev.voters', round: id, page: 0 });
    expect(str(seen.card.data)).toContain('机关支部：2 人（权重 0.6）');
  });
});
