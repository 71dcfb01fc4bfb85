import type { Msg } from '../src/messages/index.js';
import type { Card } from '../cards/types.js';

/** The inline answer to a card callback (LARK.md §2.1). */
export type CardAnswer = Record<string, unknown>;

export function toast(type: 'info' | 'success' | 'warning' | 'error', m: Msg): CardAnswer {
  return { toast: { type, content: m.zh, i18n: { zh_cn: m.zh, en_us: m.en } } };
}

export function withCard(answer: CardAnswer, card: Card): CardAnswer {
  return { ...answer, card: { type: 'raw', data: card } };
}
