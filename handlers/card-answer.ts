import type { Msg } from '../src/messages/index.js';
import type { Card } from '../cards/types.js';
import { keepFormValues, type FieldError } from '../cards/form-values.js';
import type { CardAnswer, CardToast } from '../src/pipeline.js';

export function toast(type: CardToast['type'], m: Msg): CardAnswer {
  return { toast: { type, content: m.zh, i18n: { zh_cn: m.zh, en_us: m.en } } };
}

export function withCard(answer: CardAnswer, card: Card): CardAnswer {
  return { ...answer, card: { type: 'raw', data: card } };
}

/**
 * A failed validation: the warning toast and the form card again, with every value the person submitted kept
 * and a note under each wrong field (cards/form-values.ts), so nothing typed is lost.
 */
export function formRefused(m: Msg, card: Card, formValue: unknown, errors: readonly FieldError[] = []): CardAnswer {
  return withCard(toast('warning', m), keepFormValues(card, formValue, errors));
}
