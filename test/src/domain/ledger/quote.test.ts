import { describe, expect, it } from 'vitest';
import { QUOTE_RUN, quotesOpinion } from '../../../../src/domain/ledger/quote.js';

const OPINION = '职工之家活动室每周只开放两个半天，下班后根本去不了，希望延长到晚上八点，周末也能开放。';

describe('quotesOpinion: an anonymous opinion\'s own words in public text', () => {
  it('finds the whole text, with spaces, punctuation, width and case changed', () => {
    expect(quotesOpinion(OPINION, OPINION)).toBe(true);
    expect(quotesOpinion(`问题：${OPINION.replace(/，/g, ' ').replace(/。/g, '!')}`, OPINION)).toBe(true);
    expect(quotesOpinion('会议太多 文山会海', '会议太多，文山会海')).toBe(true);
    expect(quotesOpinion('ＡＢＣ　食堂', 'abc食堂')).toBe(true);
  });

  it(`finds a run of ${QUOTE_RUN} characters of a longer opinion inside other words`, () => {
    const run = [...OPINION.replace(/[，。]/g, '')].slice(5, 5 + QUOTE_RUN).join('');
    expect(quotesOpinion(`经研究，${run}等情况属实`, OPINION)).toBe(true);
    expect(quotesOpinion(`经研究，${run.slice(1)}等情况属实`, OPINION)).toBe(false);
  });

  it('a reworded problem passes; empty text never matches', () => {
    expect(quotesOpinion('职工活动场所开放时间偏短，不便于职工使用', OPINION)).toBe(false);
    expect(quotesOpinion('', OPINION)).toBe(false);
    expect(quotesOpinion('任何文字', ' ，。')).toBe(false);
  });
});
