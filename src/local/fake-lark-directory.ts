import { LarkFault, type FakeChat, type FakeUser } from './fake-lark-state.js';

/** Read-only contact and chat-member answers of the fake tenant (LARK.md §4.3). */

function normMobile(s: string): string {
  const d = s.replace(/[^\d+]/g, '');
  return d.startsWith('+86') ? d.slice(3) : d;
}

/** GET im/v1/chats/:chat_id/members: pages of at most 100, the offset carried in page_token. */
export function chatMembersPage(chat: FakeChat | undefined, users: Map<string, FakeUser>, pageSize: number, pageToken: string | undefined) {
  if (!chat || chat.botIsMember === false) throw new LarkFault(400, 230002, 'Bot is not in the chat.');
  const size = Math.min(Math.max(pageSize || 20, 1), 100);
  const offset = pageToken ? Number(Buffer.from(pageToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new LarkFault(400, 230001, 'invalid page_token');
  const next = offset + size;
  const hasMore = next < chat.members.length;
  return {
    items: chat.members.slice(offset, next).map((id) => ({
      member_id: id, member_id_type: 'open_id', name: users.get(id)?.name ?? '', tenant_key: 'fake_tenant',
    })),
    member_total: chat.members.length,
    has_more: hasMore,
    page_token: hasMore ? Buffer.from(String(next)).toString('base64url') : '',
  };
}

/** POST contact/v3/users/batch_get_id: unresolved entries come back without user_id, as at Lark. */
export function batchGetId(users: Map<string, FakeUser>, emails: unknown, mobiles: unknown) {
  const es = Array.isArray(emails) ? emails.map(String) : [];
  const ms = Array.isArray(mobiles) ? mobiles.map(String) : [];
  if (es.length > 50 || ms.length > 50) throw new LarkFault(400, 99992402, 'field validation failed: at most 50 emails and 50 mobiles');
  const visible = [...users.values()].filter((u) => u.inScope !== false);
  return {
    user_list: [
      ...es.map((email) => {
        const u = visible.find((x) => x.email?.toLowerCase() === email.toLowerCase());
        return u ? { user_id: u.openId, email } : { email };
      }),
      ...ms.map((mobile) => {
        const u = visible.find((x) => x.mobile && normMobile(x.mobile) === normMobile(mobile));
        return u ? { user_id: u.openId, mobile } : { mobile };
      }),
    ],
  };
}

/** GET contact/v3/users/:user_id. */
export function userView(users: Map<string, FakeUser>, openId: string) {
  const u = users.get(openId);
  // 41050: the user is outside the app's contact data range [unverified code].
  if (!u || u.inScope === false) throw new LarkFault(400, 41050, 'no user authority error');
  return { user: { open_id: u.openId, name: u.name, ...(u.email ? { email: u.email } : {}), ...(u.mobile ? { mobile: u.mobile } : {}) } };
}
