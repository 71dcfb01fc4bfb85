import { hasAnyRole, type Role } from '../commands.js';
import type { Link } from './link.js';

/**
 * Who manages outreach links (issue #17): the office (admins) every link; a leader the links of the visits they lead
 * (`leader` is them), and may create links for their own visits. Anyone else none. Checked on the server at every action.
 */

/** Whether the caller may use 走访 at all (list, create). */
export const mayUseLinks = (roles: readonly Role[]): boolean => hasAnyRole(roles, 'admin', 'leader');

/** Whether the caller may see, re-send, extend or revoke this link. */
export function mayManage(link: Pick<Link, 'leader'>, openId: string, roles: readonly Role[]): boolean {
  return hasAnyRole(roles, 'admin') || (hasAnyRole(roles, 'leader') && link.leader === openId);
}

/** The links the caller sees, in the order given (the store lists newest first). */
export function visibleLinks<L extends Pick<Link, 'leader'>>(links: readonly L[], openId: string, roles: readonly Role[]): L[] {
  return links.filter((l) => mayManage(l, openId, roles));
}
