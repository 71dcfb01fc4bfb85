import { fmt, msg, t, type Locale } from '../src/messages/index.js';
import { button, card, div } from './components.js';
import type { Card } from './types.js';

interface WelcomeView {
  campaignName: string;
  /** First direct chat with the bot, or the bot was added to a group. */
  where: 'p2p' | 'group';
  locale?: Locale;
}

/** Sent on the first direct chat and when the bot joins a group. */
export function welcomeCard({ campaignName, where, locale = 'zh' }: WelcomeView): Card {
  return card({
    title: t(fmt.welcomeTitle(campaignName), locale),
    template: 'red',
    elements: [
      div(t(msg.welcome.intro, locale)),
      div(t(msg.welcome.anonymous, locale), { text_color: 'grey' }),
      div(t(where === 'p2p' ? msg.welcome.p2p : msg.welcome.group, locale)),
      button(t(msg.welcome.helpButton, locale), { a: 'help' }, { type: 'primary_filled', width: 'fill' }),
    ],
  });
}
