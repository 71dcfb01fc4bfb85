import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCampaign } from '../../../src/campaign.js';
import { ledgerItemSchema } from '../../../src/domain/ledger/item.js';
import { parseReason } from '../../../src/domain/ledger/lookback.js';
import { addProgress, editItem, newItem, type ItemFields } from '../../../src/domain/ledger/transitions.js';
import { createCalendar } from '../../../src/domain/calendar.js';
import { subjectOptions } from '../../../src/domain/evaluations/round.js';
import { opinionFormSchema } from '../../../src/domain/opinions/opinion.js';
import { reflectionSchema, attendanceSchema } from '../../../src/domain/study/session.js';
import { parseReflectionForm, REFLECTION_FORM } from '../../../src/domain/study/form.js';
import { charCount, clipChars } from '../../../src/domain/text.js';

// Outside the BMP: two UTF-16 units each, one character to the person who typed them.
const EXT_B = '𠀀';
const EMOJI = '😀';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('charCount, clipChars and the schemas\' limits', () => {
  it('count code points, not UTF-16 units', () => {
    expect(charCount(EXT_B.repeat(3))).toBe(3);
    expect(charCount(`a${EMOJI}中`)).toBe(3);
    expect(charCount('')).toBe(0);
  });

  it('clip whole characters only', () => {
    expect(clipChars(EMOJI.repeat(5), 3)).toBe(EMOJI.repeat(3));
    expect(clipChars(EMOJI.repeat(5), 3, '…')).toBe(`${EMOJI.repeat(3)}…`);
    expect(clipChars('abc', 3, '…')).toBe('abc');
  });

  it('zod\'s string .min and .max, which every stored schema uses, count code points: exactly the limit passes, one more fails', () => {
    const s = z.string().min(2).max(4);
    expect(s.safeParse(EXT_B.repeat(4)).success).toBe(true);
    expect(s.safeParse(EXT_B.repeat(5)).success).toBe(false);
    expect(s.safeParse(EMOJI.repeat(2)).success).toBe(true);
    expect(s.safeParse(EMOJI).success).toBe(false);
    expect(s.safeParse(`${EMOJI}${EXT_B}${EMOJI}a`).success).toBe(true);
  });
});

describe('limits on what people type, at the limit with characters outside the BMP', () => {
  it('an opinion of 1,000 characters is taken, 1,001 is too long, 4 emoji are too short', () => {
    const schema = opinionFormSchema(['team']);
    const cat = (schema.shape.category.options as string[])[0]!;
    const src = (schema.shape.source.options as string[])[0]!;
    const parse = (text: string) => schema.safeParse({ category: cat, target: 'team', source: src, text });
    expect(parse(EXT_B.repeat(1000)).success).toBe(true);
    expect(parse(EXT_B.repeat(1001)).error!.issues[0]!.message).toBe('textLong');
    expect(parse(EMOJI.repeat(5)).success).toBe(true);
    expect(parse(EMOJI.repeat(4)).error!.issues[0]!.message).toBe('textShort');
  });

  const cal = createCalendar(
    { workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], quietHours: { from: '21:00', to: '08:00' } }, 'Asia/Shanghai',
  );
  const fields = (over: Partial<ItemFields> = {}): ItemFields => ({
    problem: '会议多', source: { kind: 'self' }, wind: 'formalism', goal: '', measures: '', owner: 'ou_owner', leader: 'ou_leader',
    coOwners: [], deadline: '2027-07-20', milestones: [], commitment: '', linkedRounds: [], ...over,
  });
  const by = { by: 'ou_admin', now: Date.UTC(2027, 6, 1, 2) };

  it('a ledger item whose fields are at their limits in code points is a valid stored item; one more is not', () => {
    const item = { ...newItem(fields({ problem: EXT_B.repeat(1000), goal: EMOJI.repeat(1000) }), 'item_abcdefgh', by), seq: 1 };
    expect(ledgerItemSchema.safeParse(item).success).toBe(true);
    expect(ledgerItemSchema.safeParse({ ...item, problem: EXT_B.repeat(1001) }).success).toBe(false);
    expect(ledgerItemSchema.safeParse({ ...item, review: EXT_B.repeat(500) }).success).toBe(true);
    expect(ledgerItemSchema.safeParse({ ...item, review: EXT_B.repeat(501) }).success).toBe(false);
  });

  it('the history keeps whole characters when it shortens an edit or a progress note', () => {
    const item = { ...newItem(fields({ problem: EMOJI.repeat(300) }), 'item_abcdefgh', by), seq: 1 };
    const edited = editItem(item, fields({ problem: `x${EMOJI.repeat(300)}` }), by, cal);
    if (!edited.ok) throw new Error(edited.reason);
    const progressed = addProgress({ ...item, status: 'active' }, { text: `x${EMOJI.repeat(300)}` }, by);
    if (!progressed.ok) throw new Error(progressed.reason);
    for (const next of [edited.item, progressed.item]) {
      const note = next.history.at(-1)!.note!;
      expect(note).not.toMatch(LONE_SURROGATE);
      expect(ledgerItemSchema.safeParse(next).success).toBe(true);
    }
  });

  it('a look-back reason of 500 characters is taken, 501 is not', () => {
    expect(parseReason({ r: EXT_B.repeat(500) }, 'r')).toBe(EXT_B.repeat(500));
    expect(parseReason({ r: EXT_B.repeat(501) }, 'r')).toBeUndefined();
  });

  it('a study reflection part of 1,000 characters is taken by the form and stored; a leave reason of 200 too', () => {
    const [r1] = REFLECTION_FORM.parts;
    const parsed = parseReflectionForm({ [r1]: EXT_B.repeat(1000) });
    expect(parsed.ok).toBe(true);
    expect(reflectionSchema.safeParse({ parts: [EXT_B.repeat(1000)], at: 1, updatedAt: 1 }).success).toBe(true);
    expect(reflectionSchema.safeParse({ parts: [EXT_B.repeat(1001)], at: 1, updatedAt: 1 }).success).toBe(false);
    expect(attendanceSchema.safeParse({ status: 'leave', at: 1, reason: EMOJI.repeat(200) }).success).toBe(true);
    expect(attendanceSchema.safeParse({ status: 'leave', at: 1, reason: EMOJI.repeat(201) }).success).toBe(false);
  });

  it('a leader\'s subject label is cut to 60 characters, not 60 UTF-16 units, and never inside a character', () => {
    const name = `a${EXT_B.repeat(49)}`;
    const [, whole] = subjectOptions({ leaders: [{ openId: 'ou_l', name, title: '主席' }] });
    expect(whole!.label).toBe(`${name}（主席）`);
    const [, cut] = subjectOptions({ leaders: [{ openId: 'ou_l', name: `a${EXT_B.repeat(49)}`, title: EMOJI.repeat(40) }] });
    expect(charCount(cut!.label)).toBe(60);
    expect(cut!.label).not.toMatch(LONE_SURROGATE);
  });

  it('a campaign file counts a name in characters (rare characters in Chinese names are outside the BMP)', () => {
    const file = (name: string) => ({
      name, admins: [{ openId: 'ou_a', name: EXT_B.repeat(50) }], topLeader: { openId: 'ou_t' }, members: {},
    });
    expect(parseCampaign(file(EXT_B.repeat(100))).name).toBe(EXT_B.repeat(100));
    expect(() => parseCampaign(file(EXT_B.repeat(101)))).toThrow(/name/);
  });
});
