import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createAuditStore } from '../../../src/store/audit.js';
import { createNumberedRecords, createRevisionedRecords } from '../../../src/store/revisioned.js';
import { useRedisStore } from '../../helpers/redis.js';

const NOW = Date.UTC(2027, 5, 1, 2, 0);
const noteSchema = z.strictObject({ id: z.string(), seq: z.number().int().min(1), text: z.string(), done: z.boolean() });
const finish = <N extends { done: boolean }>(n: N): { ok: true; note: N } | { ok: false; reason: 'done' } =>
  (n.done ? { ok: false, reason: 'done' } : { ok: true, note: { ...n, done: true } });
const created = (action: string) => ({ at: NOW, actor: 'ou_x', action, detail: {} });

// A made-up kind of record under its own tag (the stores' real keys come from src/store/keys.ts).
const nt = (prefix: string, ...parts: string[]) => [prefix, '{nt}', ...parts].join(':');

const f = useRedisStore((redis, keys) => {
  const audit = createAuditStore(redis, keys);
  const base = { redis, audit, keyOf: (id: string) => nt(keys.prefix, 'n', id) };
  return {
    audit,
    notes: createNumberedRecords({ ...base, schema: noteSchema, field: 'note', allKey: nt(keys.prefix, 'all'),
      counterKey: nt(keys.prefix, 'seq') }),
    plain: createRevisionedRecords({ ...base, schema: noteSchema.omit({ seq: true }), field: 'note', allKey: nt(keys.prefix, 'all2'),
      skipBadJson: true,
      mark: { key: nt(keys.prefix, 'done'), of: (a, b) => (b.done && !a.done ? { field: b.id, value: '1' } : undefined) },
    }),
    scored: createRevisionedRecords({ ...base, schema: noteSchema.omit({ seq: true }).extend({ day: z.number() }), field: 'note',
      allKey: nt(keys.prefix, 'all3'), rescore: (n) => n.day }),
  };
});

describe('revisioned records', () => {
  it('numbered: the 序号 lives beside the JSON, every write bumps rev and is audited with it', async () => {
    const { notes, audit } = f.store;
    const a = await notes.create({ id: 'a', seq: 1, text: '一', done: false }, created('note.create'));
    expect(a.seq).toBe(1);
    expect(await f.redis.hgetall(nt(f.keys.prefix, 'n', 'a')))
      .toEqual({ data: JSON.stringify({ id: 'a', text: '一', done: false }), rev: '1', seq: '1' });
    expect(await notes.update('a', finish, { at: NOW, actor: 'ou_x', action: 'note.finish', detail: { id: 'a' } }))
      .toEqual({ ok: true, note: { ...a, done: true } });
    expect(await f.redis.hget(nt(f.keys.prefix, 'n', 'a'), 'rev')).toBe('2');
    expect(await notes.update('a', finish, null)).toEqual({ ok: false, reason: 'done' });
    expect(await notes.update('zz', finish, null)).toEqual({ ok: false, reason: 'notFound' });
    expect((await audit.recent(5)).map((e) => e.action)).toEqual(['note.finish', 'note.create']);
    expect(await notes.getMany(['a', 'zz'])).toEqual([{ ...a, done: true }]);
  });

  it('a record changed under every attempt ends in conflict and is never overwritten', async () => {
    const { notes } = f.store;
    const b = await notes.create({ id: 'b', seq: 1, text: '二', done: false }, created('note.create'));
    const key = nt(f.keys.prefix, 'n', 'b');
    // Queued on the same connection before the script: every compare-and-set finds another rev.
    const r = await notes.update('b', (n) => { void f.redis.hincrby(key, 'rev', 1); return finish(n); }, null);
    expect(r).toEqual({ ok: false, reason: 'conflict' });
    expect(await notes.get('b')).toEqual(b);
  });

  it('a mark is set once by the write that returns it; unreadable JSON reads as no record when asked', async () => {
    const { plain } = f.store;
    await f.redis.hset(nt(f.keys.prefix, 'n', 'c'), 'data', JSON.stringify({ id: 'c', text: '三', done: false }), 'rev', '1');
    expect((await plain.update('c', finish, null)).ok).toBe(true);
    expect(await f.redis.hgetall(nt(f.keys.prefix, 'done'))).toEqual({ c: '1' });
    await f.redis.hset(nt(f.keys.prefix, 'n', 'd'), 'data', '{broken', 'rev', '1');
    expect(await plain.get('d')).toBeUndefined();
    await f.redis.hset(nt(f.keys.prefix, 'n', 'd'), 'seq', '4');
    await expect(f.store.notes.get('d')).rejects.toThrow(SyntaxError);
  });

  it('unnumbered: create scores the record in the index, rescore moves it with every write', async () => {
    const { scored, audit } = f.store;
    const all = nt(f.keys.prefix, 'all3');
    await scored.create({ id: 'e', text: '四', done: false, day: 5 }, 5, created('note.create'));
    await scored.create({ id: 'g', text: '五', done: false, day: 3 }, 3, created('note.create'));
    expect((await scored.list()).map((n) => n.id)).toEqual(['g', 'e']);
    expect(await f.redis.hgetall(nt(f.keys.prefix, 'n', 'e')))
      .toEqual({ data: JSON.stringify({ id: 'e', text: '四', done: false, day: 5 }), rev: '1' });
    expect((await audit.recent(1))[0]).toMatchObject({ action: 'note.create', detail: { id: 'g' } });
    await scored.update('e', (n) => ({ ok: true, note: { ...n, day: 1 } }), null);
    expect(await f.redis.zrange(all, '0', '-1', 'WITHSCORES')).toEqual(['e', '1', 'g', '3']);
  });

  it('logOnce: logged, then duplicate without a write, notFound for no record', async () => {
    const { scored, audit } = f.store;
    const log = <N extends { text: string }>(n: N): N | undefined => (n.text.endsWith('!') ? undefined : { ...n, text: `${n.text}!` });
    const entry = { at: NOW, actor: 'system', action: 'note.log', detail: { id: 'g' } };
    expect(await scored.logOnce('g', log, entry)).toBe('logged');
    expect(await scored.logOnce('g', log, entry)).toBe('duplicate');
    expect(await scored.logOnce('zz', (n) => n, entry)).toBe('notFound');
    expect(await f.redis.hget(nt(f.keys.prefix, 'n', 'g'), 'rev')).toBe('2');
    expect((await audit.recent(5)).filter((e) => e.action === 'note.log')).toHaveLength(1);
  });
});
