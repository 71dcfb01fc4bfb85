import type { ResolvedCampaign } from '../../campaign.js';
import { msg, t } from '../../messages/index.js';
import type { PersonRole, RoleService } from '../../roles.js';
import type { FakeLark } from '../fake-lark-server.js';

/** The group a person is listed under on the page: their first role from the campaign file. */
type PersonGroup = PersonRole | 'other';

interface PersonView {
  openId: string;
  name: string;
  group: PersonGroup;
  groupName: string;
  /** Roles now (file and run time), as the bot sees them, and their names in the message catalog. */
  roles: PersonRole[];
  roleNames: string[];
  title?: string;
}

interface ChatView {
  chatId: string;
  kind: 'p2p' | 'group';
  name: string;
  members: number;
}

const ORDER: PersonGroup[] = ['admin', 'topLeader', 'leader', 'supervisor', 'member', 'other'];

/** Everyone the campaign names, once each, grouped by their first file role. */
export async function listPeople(c: ResolvedCampaign, fake: FakeLark, roles: RoleService): Promise<PersonView[]> {
  const groups = new Map<string, PersonGroup>();
  const put = (id: string, g: PersonGroup) => { if (!groups.has(id)) groups.set(id, g); };
  c.admins.forEach((id) => put(id, 'admin'));
  put(c.topLeader, 'topLeader');
  c.leaders.forEach((l) => put(l.openId, 'leader'));
  c.supervisors.forEach((id) => put(id, 'supervisor'));
  c.members.users.forEach((id) => put(id, 'member'));
  for (const g of c.raterGroups) g.members.users.forEach((id) => put(id, 'other'));
  for (const u of fake.state.users.values()) put(u.openId, 'other');

  const titles = new Map(c.leaders.map((l) => [l.openId, l.title]));
  const leaderNames = new Map(c.leaders.map((l) => [l.openId, l.name]));
  const people = await Promise.all([...groups].map(async ([openId, group]): Promise<PersonView> => {
    const now = [...(await roles.rolesOf(openId))];
    return {
      openId,
      name: fake.state.users.get(openId)?.name ?? leaderNames.get(openId) ?? openId,
      group,
      groupName: group === 'other' ? '其他' : t(msg.roles[group]),
      roles: now,
      roleNames: now.map((r) => t(msg.roles[r])),
      ...(titles.get(openId) ? { title: titles.get(openId) } : {}),
    };
  }));
  return people.sort((a, b) => ORDER.indexOf(a.group) - ORDER.indexOf(b.group));
}

/** The chats a person has with the bot: the p2p chat (the fake names it by the person) and their groups. */
export function chatsOf(openId: string, fake: FakeLark): ChatView[] {
  const p2p: ChatView = { chatId: fake.state.p2pChatId(openId), kind: 'p2p', name: fake.bot.name, members: 1 };
  const groups = [...fake.state.chats.values()]
    .filter((ch) => ch.members.includes(openId) && ch.botIsMember !== false && !ch.dissolved)
    .map((ch): ChatView => ({ chatId: ch.chatId, kind: 'group', name: ch.name ?? ch.chatId, members: ch.members.length }));
  return [p2p, ...groups];
}

/** The chat as `openId` may use it, or undefined when they are not in it. */
export function chatFor(openId: string, chatId: string, fake: FakeLark): ChatView | undefined {
  return chatsOf(openId, fake).find((ch) => ch.chatId === chatId);
}
