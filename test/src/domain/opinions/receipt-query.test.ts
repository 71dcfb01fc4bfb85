import { describe, expect, it } from 'vitest';
import { normalizeReceiptCode } from '../../../../src/domain/commands.js';
import { receiptLookupArgs } from '../../../../src/domain/opinions/receipt-query.js';

/** Finding 4 of #13: anything shaped like a receipt code is a look-up (answered inline), never a queued message. */
const looksUp = (text: string) => {
  const args = receiptLookupArgs(text);
  return args === undefined ? undefined : normalizeReceiptCode(args);
};

describe('receiptLookupArgs', () => {
  it.each([
    ['查询 ABCD-EFGH', 'ABCDEFGH'],
    ['查询ABCD-EFGH', 'ABCDEFGH'],
    ['/查询 abcd efgh', 'ABCDEFGH'],
    ['status abcd-efgh', 'ABCDEFGH'],
    ['查询：ABCD-EFGH', 'ABCDEFGH'],
    ['查询: ABCD-EFGH', 'ABCDEFGH'],
    ['查询回执码ABCD-EFGH', 'ABCDEFGH'],
    ['查询回执码：ABCD EFGH', 'ABCDEFGH'],
    ['回执码是 ab2d-ef3h', 'AB2DEF3H'],
    ['查看回执码 ABCD-EFGH', 'ABCDEFGH'],
    ['ABCD-EFGH', 'ABCDEFGH'],
    ['abcdefgh', 'ABCDEFGH'],
    ['  ABCD EFGH。', 'ABCDEFGH'],
    ['ＡＢＣＤ－ＥＦＧＨ', 'ABCDEFGH'],
    ['查询　ＡＢＣＤＥＦＧＨ', 'ABCDEFGH'],
    ['我的回执码ABCD-EFGH，麻烦看看', 'ABCDEFGH'],
    ['请帮我查一下 abcd2345', 'ABCD2345'],
    ['@_user_1 ABCD-EFGH', 'ABCDEFGH'],
    ['查询 ABCD-EFGH 谢谢', 'ABCDEFGH'],
    ['查询', ''],
    ['查询进度', '进度'],
    ['查询：ABC', 'ABC'],
    ['帮助 ABCD-EFGH', 'ABCDEFGH'],
    ['提意见 abcd2345', 'ABCD2345'],
  ])('%s is a look-up of %s', (text, code) => {
    expect(looksUp(text)).toBe(code);
  });

  it.each(['帮助', '提意见', '进度', 'progress', 'evaluate', '你好', 'I want to give feedback', '2027年工作计划', '学习 设置',
    '设置 管理员 wang2024', '移除 abcd-efgh', '提意见 I want to give feedback'])(
    '%s is not a look-up', (text) => {
      expect(receiptLookupArgs(text)).toBeUndefined();
    },
  );
});
