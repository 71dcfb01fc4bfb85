import type { Msg } from '../src/messages/index.js';
import type { Card } from '../cards/types.js';
import type { CardAnswer, CardToast } from '../src/pipeline.js';

export function toast(type: CardToast['type'], m: Msg): CardAnswer {
  return { toast: { type, content: m.zh, i18n: { zh_cn: m.zh, en_us: m.en } } };
}

export function withCard(answer: CardAnswer, card: Card): CardAnswer {
  return { ...answer, card: { type: 'raw', data: card } };
}
