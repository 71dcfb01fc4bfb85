import { fmt, msg, t, type Locale } from '../src/messages/index.js';
import type { SettableRole } from '../src/domain/settings.js';
import { button, card, clip, columns, div, hr, md, noteText, safeMd } from './components.js';
import type { Card, CardElement } from './types.js';

interface RolePerson { openId: string; name?: string }
interface LeaderEntry extends RolePerson { title?: string; fromFile: boolean }
interface SupervisorEntry extends RolePerson { fromFile: boolean }

interface RolesView {
  fileAdmins: readonly RolePerson[];
  runtimeAdmins: readonly RolePerson[];
  leaders: readonly LeaderEntry[];
  supervisors: readonly SupervisorEntry[];
  topLeader?: RolePerson;
  locale?: Locale;
}

/**
 * Each run-time row costs 9 components (column_set, 2 columns, div + text, button + text, confirm
 * title + text); 15 rows stay well under the 200-component limit (cards/validate.ts).
 */
const MAX_REMOVABLE_ROWS = 15;
/** Names and titles are clipped so a long one cannot push the card past 30 KB. */
const NAME_MAX = 40;

/** Who holds which role. Only roles set at run time get a remove button; the file's are read-only. */
export function rolesCard(view: RolesView): Card {
  const locale = view.locale ?? 'zh';
  const nameOf = (p: RolePerson) => (p.name ? clip(p.name, NAME_MAX) : t(msg.rolesCard.unknownName, locale));
  const sep = locale === 'zh' ? '、' : ', ';
  const fileTag = `（${t(msg.rolesCard.fromFile, locale)}）`;
  let rowsLeft = MAX_REMOVABLE_ROWS;
  let hidden = 0;

  const section = (
    role: 'admin' | 'leader' | 'supervisor' | 'topLeader', file: RolePerson[], runtime: RolePerson[], label: (p: RolePerson) => string,
  ): CardElement[] => {
    const out: CardElement[] = [md(safeMd`**${t(msg.roles[role], locale)}**`)];
    if (file.length === 0 && runtime.length === 0) out.push(noteText(t(msg.rolesCard.none, locale)));
    if (file.length > 0) out.push(div(file.map(label).join(sep) + fileTag));
    for (const p of runtime) {
      if (role === 'topLeader') break;
      if (rowsLeft === 0) { hidden += 1; continue; }
      rowsLeft -= 1;
      out.push(columns([
        { elements: [div(label(p))], weight: 3 },
        { elements: [removeButton(role, p, nameOf(p), locale)], width: 'auto' },
      ]));
    }
    return out;
  };

  const plain = (p: RolePerson) => nameOf(p);
  const withTitle = (p: LeaderEntry) => (p.title ? `${nameOf(p)}（${clip(p.title, NAME_MAX)}）` : nameOf(p));
  const elements: CardElement[] = [
    ...section('topLeader', view.topLeader ? [view.topLeader] : [], [], plain),
    ...section('admin', [...view.fileAdmins], [...view.runtimeAdmins], plain),
    ...section('leader', view.leaders.filter((l) => l.fromFile), view.leaders.filter((l) => !l.fromFile),
      (p) => withTitle(p as LeaderEntry)),
    ...section('supervisor', view.supervisors.filter((s) => s.fromFile), view.supervisors.filter((s) => !s.fromFile), plain),
  ];
  if (hidden > 0) elements.push(noteText(t(fmt.moreNotShown(hidden), locale)));
  elements.push(hr(), noteText(t(msg.rolesCard.fileOnlyNote, locale)), noteText(t(msg.rolesCard.howToAdd, locale)));
  return card({ title: t(msg.rolesCard.title, locale), template: 'indigo', elements });
}

function removeButton(role: SettableRole, p: RolePerson, name: string, locale: Locale) {
  return button(t(msg.rolesCard.removeButton, locale), { a: 'roles.remove', role, openId: p.openId }, {
    type: 'danger',
    size: 'small',
    confirm: { title: t(msg.rolesCard.removeConfirmTitle, locale), text: t(fmt.removeConfirm(msg.roles[role], name), locale) },
  });
}
