import type { ResolvedCampaign } from './campaign.js';
import type { LarkApi } from './lark/api.js';
import type { Logger } from './log.js';
import type { KvStore } from './store/kv.js';
import type { RolesStore, RuntimeRoles } from './store/roles.js';

export type PersonRole = 'admin' | 'topLeader' | 'leader' | 'supervisor' | 'member';

/** What the service knows of a person's roles: the file's plus run-time ones (a union of rights). */
export interface RoleService {
  rolesOf(openId: string): Promise<Set<PersonRole>>;
  isFileAdmin(openId: string): boolean;
  runtime(): Promise<RuntimeRoles>;
  /** open_ids of every admin (file and run time). */
  admins(): Promise<string[]>;
  /** Members by the file: users plus everyone in the member chats (chat lists cached 10 min). */
  members(): Promise<string[]>;
}

export function createRoleService(
  campaign: ResolvedCampaign, store: RolesStore, kv: KvStore, lark: Pick<LarkApi, 'chatMembers'>, log: Logger,
): RoleService {
  const fileAdmins = new Set(campaign.admins);
  const fileLeaders = new Set(campaign.leaders.map((l) => l.openId));
  const fileSupervisors = new Set(campaign.supervisors);
  const memberUsers = new Set(campaign.members.users);

  async function chatMembers(chatId: string): Promise<string[]> {
    const cached = await kv.cachedChatMembers(chatId);
    if (cached) return cached;
    try {
      const people = (await lark.chatMembers(chatId)).map((u) => u.openId);
      await kv.cacheChatMembers(chatId, people);
      return people;
    } catch (e) {
      // A chat we cannot read grants nobody membership; the operator is told once per lookup.
      log.warn(
        { chatId, err: (e as Error).message },
        'could not read the members of a member chat (is the bot in it, with im:chat.members:read?)',
      );
      return [];
    }
  }

  return {
    isFileAdmin: (openId) => fileAdmins.has(openId),
    runtime: () => store.all(),
    async rolesOf(openId) {
      const rt = await store.all();
      const roles = new Set<PersonRole>();
      if (fileAdmins.has(openId) || rt.admins.has(openId)) roles.add('admin');
      if (campaign.topLeader === openId) roles.add('topLeader');
      if (fileLeaders.has(openId) || rt.leaders.has(openId)) roles.add('leader');
      if (fileSupervisors.has(openId) || rt.supervisors.has(openId)) roles.add('supervisor');
      if (memberUsers.has(openId)) roles.add('member');
      else {
        for (const chat of campaign.members.chats) {
          if ((await chatMembers(chat)).includes(openId)) {
            roles.add('member');
            break;
          }
        }
      }
      return roles;
    },
    async admins() {
      const rt = await store.all();
      return [...new Set([...fileAdmins, ...rt.admins.keys()])];
    },
    async members() {
      const all = new Set(memberUsers);
      for (const chat of campaign.members.chats) for (const m of await chatMembers(chat)) all.add(m);
      return [...all];
    },
  };
}
