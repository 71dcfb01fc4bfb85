import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/local/lark-push.js';
import { ACTION_ACCESS, rolesMayAct, type ActionScope } from '../../../src/domain/action-access.js';
import { canUse, COMMAND_KEYS, COMMANDS } from '../../../src/domain/commands.js';
import { MATRIX_ROLES, withMatrix, type MatrixRole } from '../../../src/domain/permission-matrix.js';
import type { CardActionName } from '../../../cards/actions.js';
import { msg } from '../../../src/messages/index.js';
import { startTestBot, type TestBot } from '../../helpers/bot.js';
import { sampleActionValue, type SampleIds } from '../../fixtures/hostile/action-samples.js';
import { seedForeignRecords } from '../../fixtures/hostile/records.js';

/**
 * The permission matrix, exercised: every command typed and every card action clicked by one person of each
 * kind, through the signed webhook. The expected verdicts come from the registries (COMMANDS, ACTION_ACCESS);
 * the outcomes come from the handlers. The records the buttons name belong to nobody of the six, so a scope
 * ("the item's owner", …) grants none of them anything and only the declared roles may act.
 */

const PEOPLE: Record<MatrixRole, string> = {
  member: 'ou_member_01', leader: 'ou_leader_zhao', topLeader: 'ou_leader_wang', admin: 'ou_admin_liu',
  supervisor: 'ou_super_wu', outsider: 'ou_outsider_x1',
};
// The admin goes last: what an allowed click changes cannot turn a later refusal into something else.
const ORDER: MatrixRole[] = ['outsider', 'member', 'leader', 'supervisor', 'topLeader', 'admin'];
const README = new URL('../../../README.md', import.meta.url);

let bot: TestBot;
let ids: SampleIds;

beforeAll(async () => {
  bot = await startTestBot();
  ids = await seedForeignRecords(bot);
});
afterAll(async () => { await bot?.stop(); });

const rolesOf = (r: MatrixRole) => MATRIX_ROLES.find((x) => x.key === r)!.roles;
const REFUSALS = new Set([msg.errors.noPermission.zh, msg.errors.noPermissionFor.zh, msg.ledger.toast.noPermission.zh,
  msg.errors.noPermissionReaders.zh, msg.errors.noPermissionEnd.zh,
  msg.report.noPermission.zh, msg.campaign.end.toast.topLeaderOnly.zh]);

describe('the permission matrix', () => {
  it('README.md carries the matrix generated from the registries (run `npm run matrix` after a change)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withMatrix(readme)).toBe(readme);
  });

  it('each person of the matrix holds exactly the roles the matrix says', async () => {
    for (const r of ORDER) {
      const held = [...(await bot.service.deps.ctx.roles.rolesOf(PEOPLE[r])), 'anyone'].sort();
      expect(held, r).toEqual([...rolesOf(r)].sort());
    }
  });

  it('every command, typed by every role: only the allowed ones run, the others get the refusal', async () => {
    const refusal = msg.errors.noPermissionFor.zh;
    const wrong: string[] = [];
    for (const key of COMMAND_KEYS) {
      for (const r of ORDER) {
        const before = bot.fake.messages.length;
        const openId = PEOPLE[r];
        await bot.push('im.message.receive_v1', messageEvent({
          senderOpenId: openId, chatId: `oc_p2p_${openId}`, chatType: 'p2p', text: COMMANDS[key].zh,
        }));
        await bot.idle();
        const answers = bot.fake.messages.slice(before);
        const refused = answers.some((m) => JSON.stringify(m.content).includes(refusal));
        if (answers.length === 0) wrong.push(`${key} × ${r}: no answer`);
        else if (refused === canUse(key, rolesOf(r))) wrong.push(`${key} × ${r}: ${refused ? 'refused' : 'allowed'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every card action, clicked by every role: only the declared roles get past the server\'s check', async () => {
    const wrong: string[] = [];
    for (const a of Object.keys(ACTION_ACCESS) as CardActionName[]) {
      for (const r of ORDER) {
        const { value, formValue } = sampleActionValue(a, ids);
        const answer = await bot.click(PEOPLE[r], value, formValue);
        const toast = answer?.toast as { type: string; content: string } | undefined;
        if (toast?.content === msg.errors.tryAgain.zh) wrong.push(`${a} × ${r}: failed (${toast.content})`);
        const refused = toast?.type === 'error' && REFUSALS.has(toast.content);
        const verdict = `${refused ? 'refused' : 'allowed'} (${toast?.content ?? 'card'})`;
        if (refused === rolesMayAct(a, rolesOf(r))) wrong.push(`${a} × ${r}: ${verdict}`);
      }
    }
    expect(wrong).toEqual([]);
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('the person a scope names gets past the check where the roles alone would not', async () => {
    const { store } = bot.service.deps.ctx;
    await store.opinions.update(ids.opinion, { set: { forwardedTo: JSON.stringify(['ou_leader_sun']) } },
      { at: Date.now(), actor: PEOPLE.admin, action: 'opinion.forward', detail: { id: ids.opinion } });
    // Who is concerned in the records seedForeignRecords made; `null`: the scope is everyone's own (anyone may press it).
    const concerned: Record<ActionScope, string | null> = {
      voter: 'ou_member_07', itemPeople: 'ou_member_05', itemOwner: 'ou_member_05', itemDecider: 'ou_leader_sun',
      lookbackLeader: 'ou_leader_sun', forwardedTo: 'ou_leader_sun', attendee: null, self: null,
      ruleOwner: 'ou_member_05',
      materialViewer: 'ou_member_05', materialAuthor: 'ou_member_05', materialReviewer: 'ou_leader_sun',
      meetingAttendee: 'ou_member_05', recordSubject: 'ou_member_05',
      talkParty: 'ou_member_05',
      linkLeader: 'ou_leader_sun',
    };
    const wrong: string[] = [];
    for (const a of Object.keys(ACTION_ACCESS) as CardActionName[]) {
      const scope = ACTION_ACCESS[a].scope;
      const person = scope ? concerned[scope] : null;
      if (!person) continue;
      const { value } = sampleActionValue(a, ids);
      const toast = (await bot.click(person, value))?.toast as { type: string; content: string } | undefined;
      if (toast?.type === 'error' && (REFUSALS.has(toast.content) || toast.content === msg.errors.tryAgain.zh)) {
        wrong.push(`${a} × ${person}: ${toast.content}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
