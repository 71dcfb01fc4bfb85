import { describe, expect, it } from 'vitest';
import { auditWriteHistory, formatFindings, type Act, type Person } from '../../helpers/aof/audit.js';
import { parseResp, writeUnits, type Command } from '../../helpers/aof/resp.js';

/** The audit itself, on hand-made append-only files: a leak it must catch, the same history without it passes. */

const resp = (cmds: Command[]) => Buffer.from(cmds.map((c) =>
  `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`).join(''));

const people: Person[] = [
  { label: 'ou_alice', ids: { open_id: 'ou_alice', user_id: 'uid_alice01', p2p_chat_id: 'oc_p2p_alice' } },
  { label: 'ou_bob', ids: { open_id: 'ou_bob', union_id: 'on_bob0001', p2p_chat_id: 'oc_p2p_bob' } },
];

/** Round opens (a card to each voter, keyed by `key(voter)`), then two ballots, one per transaction. */
function history(key: (voter: string, hmac: string) => string): { cmds: Command[]; acts: Act[] } {
  const hmac = { ou_alice: 'Q1w2E3r4T5y6U7i8', ou_bob: 'Z9x8C7v6B5n4M3k2' };
  const cmds: Command[] = [['SELECT', '0']];
  for (const [voter, h] of Object.entries(hmac)) {
    cmds.push(['HSET', `p:bull:outbox:${cmds.length}`, 'name', 'send', 'data',
      JSON.stringify({ key: key(voter, h), to: { openId: voter }, body: { type: 'card' } })]);
  }
  const acts: Act[] = [];
  for (const [voter, h] of Object.entries(hmac)) {
    const from = cmds.length;
    cmds.push(['SET', `p:evt:${voter}-event-0000001`, '1', 'PXAT', '1796572137265']);
    cmds.push(['MULTI'], ['SADD', 'p:ev:r1abcdef:register', h]);
    cmds.push(['HINCRBY', 'p:ev:r1abcdef:box', 'team|formalism|good|cadres', '1'], ['EXEC']);
    acts.push({ label: `ballot of ${voter}`, actor: voter, from, to: cmds.length, known: [`${voter}-event-0000001`] });
  }
  return { cmds, acts };
}

describe('the write-history audit', () => {
  it('reads RESP back, grouping a MULTI/EXEC block into one write unit and leaving SELECT out', () => {
    const { cmds } = history((v, h) => `ev-ballot-r1-${h}`);
    const parsed = parseResp(resp(cmds));
    expect(parsed).toEqual(cmds);
    const units = writeUnits(parsed);
    expect(units.map((u) => u.commands.length)).toEqual([1, 1, 1, 2, 1, 2]);
    // A torn last command (still being written) is left out.
    expect(parseResp(resp(cmds).subarray(0, -3))).toHaveLength(cmds.length - 1);
  });

  it('catches a message key that names the register entry next to the voter, inside JSON job data', () => {
    const { cmds, acts } = history((v, h) => `ev-ballot-r1-${h}`);
    const findings = auditWriteHistory({ units: writeUnits(parseResp(resp(cmds))), people, acts });
    expect(findings.map((f) => [f.act, f.value, f.kind])).toEqual([
      ['ballot of ou_alice', 'Q1w2E3r4T5y6U7i8', 'specific token'],
      ['ballot of ou_bob', 'Z9x8C7v6B5n4M3k2', 'specific token'],
    ]);
    const report = formatFindings(findings);
    expect(report).toContain('AOF command #1 HSET p:bull:outbox:1');
    expect(report).toContain("ou_alice's open_id ou_alice");
    expect(report).toContain('ev-ballot-r1-Q1w2E3r4T5y6U7i8');
  });

  it('catches the same token glued into another word, and an identifier glued into a key', () => {
    const { cmds, acts } = history((v, h) => `evballot_r1_${h}_gen0`);
    cmds[1] = ['SET', `p:sent:msg_${'ou_alice'}_x`, cmds[1].at(-1)!];
    const findings = auditWriteHistory({ units: writeUnits(cmds), people, acts });
    expect(findings.map((f) => [f.act, f.value, f.identity])).toEqual([
      ['ballot of ou_alice', 'Q1w2E3r4T5y6U7i8', "ou_alice's open_id ou_alice"],
      ['ballot of ou_bob', 'Z9x8C7v6B5n4M3k2', "ou_bob's open_id ou_bob"],
    ]);
  });

  it('passes the same history when the message key is made from another value', () => {
    const { cmds, acts } = history((v) => `ev-ballot-r1-${v === 'ou_alice' ? 'Mm1Nn2Bb3Vv4' : 'Kk9Jj8Hh7Gg6'}`);
    expect(auditWriteHistory({ units: writeUnits(parseResp(resp(cmds))), people, acts })).toEqual([]);
  });

  it('catches a secret next to the writer in nested JSON, in a log line and by any identifier', () => {
    const text = '食堂饭菜价格偏高，建议工会帮助协调。';
    const cmds: Command[] = [
      ['HSET', 'p:op:AbCdEfGh12', 'text', text, 'code', 'K7M2Q9XZ'],
      ['HSET', 'p:op:ZyXwVu9876', 'text', '另一条意见的内容', 'code', 'P3R4T5W6'],
      ['XADD', 'p:bull:inbound:events', '*', 'data',
        JSON.stringify({ event: JSON.stringify({ text: '查询 K7M2-Q9XZ', who: 'uid_alice01' }) })],
    ];
    const acts: Act[] = [
      { label: 'opinion of ou_alice', actor: 'ou_alice', from: 0, to: 1, secrets: [text, 'K7M2Q9XZ', 'K7M2-Q9XZ'] },
      { label: 'opinion of ou_bob', actor: 'ou_bob', from: 1, to: 2, secrets: ['另一条意见的内容', 'P3R4T5W6'] },
    ];
    const logs = [
      JSON.stringify({ level: 30, msg: 'sent', chat: 'oc_p2p_bob', text: '另一条意见的内容' }),
      JSON.stringify({ level: 30, msg: 'stored', id: 'AbCdEfGh12' }),
    ];
    const findings = auditWriteHistory({ units: writeUnits(cmds), logs, people, acts });
    expect(findings.map((f) => [f.where, f.kind, f.value, f.identity])).toEqual([
      ['AOF command #2 XADD p:bull:inbound:events', 'secret', 'K7M2-Q9XZ', "ou_alice's user_id uid_alice01"],
      ['log line 1', 'secret', '另一条意见的内容', "ou_bob's p2p_chat_id oc_p2p_bob"],
    ]);
  });

  it('catches a content write that names its author; a key written to the author in the act is not content', () => {
    const { cmds, acts } = history((v) => `ev-ballot-r1-${v}`);
    // Alice's ballot window also sends her a thanks message, job key and all: the delivery, not the ballot.
    cmds.splice(acts[0].to, 0, ['HSET', 'p:bull:outbox:send-Xy12Ab34Cd56', 'data', JSON.stringify({ to: { openId: 'ou_alice' } })],
      ['LPUSH', 'p:bull:outbox:wait', 'send-Xy12Ab34Cd56']);
    acts[0].to += 2;
    acts[1].from += 2;
    acts[1].to += 2;
    expect(auditWriteHistory({ units: writeUnits(cmds), people, acts })).toEqual([]);
    // Bob's counters written in the transaction that also records his chat.
    cmds.splice(acts[1].to - 1, 0, ['SADD', 'p:talked', 'oc_p2p_bob']);
    acts[1].to += 1;
    const findings = auditWriteHistory({ units: writeUnits(cmds), people, acts: acts.map((x) => ({ ...x, content: ['|good|'] })) });
    expect(findings.map((f) => [f.act, f.kind, f.value, f.identity])).toEqual([
      ['ballot of ou_bob', 'content', '|good|', "ou_bob's p2p_chat_id oc_p2p_bob"],
    ]);
  });

  it('does not count what two actors share, nor the values of the delivery itself', () => {
    const { cmds, acts } = history((v) => `ev-ballot-r1-${v}`);
    // A worker's lock token written in one ballot's window, then next to both voters: not specific to anyone.
    cmds.splice(acts[0].from + 1, 0, ['SET', 'p:bull:outbox:9:lock', 'WorkerToken12345']);
    for (const a of acts) a.to += a === acts[0] ? 1 : 0;
    acts[1].from += 1;
    acts[1].to += 1;
    cmds.push(['HSET', 'p:bull:outbox:9', 'to', 'ou_alice', 'lock', 'WorkerToken12345'], ['HSET', 'p:bull:outbox:10', 'to', 'ou_bob',
      'lock', 'WorkerToken12345']);
    // The event id of Alice's click next to her, as a dedupe record might be: known, not hers to hide.
    cmds.push(['HSET', 'p:inbound', 'ou_alice-event-0000001', 'ou_alice']);
    expect(auditWriteHistory({ units: writeUnits(cmds), people, acts })).toEqual([]);
    expect(() => auditWriteHistory({ units: writeUnits(cmds), people, acts: acts.slice(0, 1) })).toThrow(/at least two/);
  });
});
