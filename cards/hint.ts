import { msg, t, type Locale } from '../src/messages/index.js';
import { button, card, div } from './components.js';
import type { Card } from './types.js';

interface UnknownCommandView {
  /** The message was only an @mention of the bot, with no text. */
  emptyMention?: boolean;
  locale?: Locale;
}

/**
 * The hint for text that is no command: one line and a help button (a tap is easier than typing on a
 * phone). It does not echo what was typed.
 */
export function unknownCommandCard({ emptyMention = false, locale = 'zh' }: UnknownCommandView = {}): Card {
  return card({
    title: t(msg.hint.title, locale),
    template: 'grey',
    elements: [
      div(t(emptyMention ? msg.hint.emptyMention : msg.hint.unknownCommand, locale)),
      button(t(msg.welcome.helpButton, locale), { a: 'help' }, { type: 'primary_filled' }),
    ],
  });
}

