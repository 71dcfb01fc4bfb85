import { hasAnyRole, COMMANDS, type CommandKey, type Role } from '../src/domain/commands.js';
import { fmt, msg, t, type Locale } from '../src/messages/index.js';
import { button, card, div, md, noteText, safeMd } from './components.js';
import type { Card, CardElement } from './types.js';

interface HelpView {
  /** The caller's roles (`anyone` is implied and not listed). */
  roles: readonly Role[];
  /** The commands this caller may use, in order (see commandsFor). */
  commands: readonly CommandKey[];
  campaignName: string;
  locale?: Locale;
}

/** Help for one caller: one short section per command they may use (phones first). */
export function helpCard({ roles, commands, campaignName, locale = 'zh' }: HelpView): Card {
  const shown = roles.filter((r) => r !== 'anyone');
  const elements: CardElement[] = [];
  if (shown.length > 0) {
    elements.push(div(`${t(msg.help.yourRoles, locale)}：${shown.map((r) => t(msg.roles[r], locale)).join(locale === 'zh' ? '、' : ', ')}`));
  }
  for (const key of commands) {
    const { usage, desc } = COMMANDS[key].help;
    // Catalog text is trusted, but it contains characters such as "<" and "@": escape it all the same.
    // The key the reader types, in the reader's language only: no English in what a Chinese reader sees.
    elements.push(md(`${safeMd`**${t(usage, locale)}**`}\n${safeMd`${t(desc, locale)}`}`));
  }
  elements.push(noteText(t(msg.help.slashNote, locale)), noteText(t(msg.help.groupNote, locale)));
  if (hasAnyRole(roles, 'admin')) elements.push(button(t(msg.help.rolesButton, locale), { a: 'roles.list' }));
  return card({ title: t(fmt.helpTitle(campaignName), locale), template: 'blue', elements });
}
