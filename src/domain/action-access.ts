/**
 * Who may press each card button (DESIGN §2.2): the card-action half of the permission registry, beside
 * COMMANDS in commands.ts. Every handler checks the caller again on the server (a forwarded card grants
 * nothing); test/integration/hostile/permissions.test.ts clicks every action as every role and holds the
 * handlers to these declarations, and `npm run matrix` prints them into the README.
 */
import type { CardActionName } from '../../cards/actions.js';
import type { Role } from './commands.js';

/** Besides `roles`, the one person concerned by the record the button names may act too. */
export type ActionScope =
  | 'voter' | 'attendee' | 'self' | 'itemPeople' | 'itemOwner' | 'itemDecider' | 'lookbackLeader' | 'forwardedTo'
  | 'ruleOwner' | 'materialViewer' | 'materialAuthor' | 'materialReviewer' | 'meetingAttendee' | 'recordSubject' | 'talkParty'
  | 'linkLeader';

export interface ActionAccess {
  /** Roles that may use the action whatever record it names (`anyone`: everybody). */
  roles: readonly Role[];
  /** Who else may, by their part in the named record. */
  scope?: ActionScope;
}

const admin = { roles: ['admin'] } as const;
const anyone = { roles: ['anyone'] } as const;
const readers = { roles: ['admin', 'supervisor', 'topLeader'] } as const;
const resultReaders = { roles: ['admin', 'supervisor'] } as const;

/** Card action (`value.a`) → who may use it. Typed over the whole union: a new action without a declaration does not compile. */
export const ACTION_ACCESS: { readonly [A in CardActionName]: ActionAccess } = {
  help: anyone,
  'roles.list': admin,
  'roles.remove': admin,
  'op.submit': anyone,
  'op.new': anyone,
  'tr.page': admin,
  'tr.open': admin,
  'tr.do': admin,
  'lr.reply': { roles: [], scope: 'forwardedTo' },
  'fb.pass': { roles: ['topLeader'] },
  'rp.export': resultReaders,
  'ev.ballot': { roles: ['anyone'], scope: 'voter' },
  'ev.vote': { roles: ['anyone'], scope: 'voter' },
  'ev.step': { roles: ['anyone'], scope: 'voter' },
  'ev.cast': { roles: ['anyone'], scope: 'voter' },
  'ev.list': admin,
  'ev.new': admin,
  'ev.create': admin,
  'ev.open': admin,
  'ev.close': admin,
  'ev.results': resultReaders,
  'ev.mine': { roles: ['leader'] },
  'ev.remind': admin,
  'ev.paper': admin,
  'ev.paperSave': admin,
  'ev.outreachNew': admin,
  'ev.outreachCreate': admin,
  'ev.export': resultReaders,
  'ev.voters': admin,
  'ev.votersGroup': admin,
  'ev.voter': admin,
  'st.in': { roles: ['anyone'], scope: 'attendee' },
  'st.leaveForm': { roles: ['anyone'], scope: 'attendee' },
  'st.leave': { roles: ['anyone'], scope: 'attendee' },
  'st.card': { roles: ['anyone'], scope: 'attendee' },
  'st.reflect': { roles: ['anyone'], scope: 'attendee' },
  'st.submit': { roles: ['anyone'], scope: 'attendee' },
  'st.record': { roles: ['anyone'], scope: 'self' },
  'st.settings': admin,
  'st.save': admin,
  'st.export': admin,
  'lg.list': { roles: ['anyone'], scope: 'self' },
  'lg.filter': readers,
  'lg.open': { ...readers, scope: 'itemPeople' },
  'lg.new': admin,
  'lg.edit': admin,
  'lg.save': admin,
  'lg.activate': admin,
  'lg.deadline': admin,
  'lg.reopen': admin,
  'lg.progress': { roles: [], scope: 'itemOwner' },
  'lg.extend': { roles: [], scope: 'itemOwner' },
  'lg.submit': { roles: [], scope: 'itemOwner' },
  'lg.extDecide': { roles: [], scope: 'itemDecider' },
  'lg.confirm': { roles: [], scope: 'itemDecider' },
  'lg.reject': { roles: [], scope: 'itemDecider' },
  'lg.export': readers,
  'lb.start': admin,
  'lb.holds': { ...admin, scope: 'lookbackLeader' },
  'lb.reopen': { ...admin, scope: 'lookbackLeader' },
  'lb.summary': readers,
  'rl.list': anyone,
  'rl.filter': readers,
  'rl.open': { ...readers, scope: 'ruleOwner' },
  'rl.new': admin,
  'rl.edit': admin,
  'rl.save': admin,
  'rl.issue': admin,
  'rl.export': readers,
  'mt.list': { roles: ['anyone'], scope: 'self' },
  'mt.open': { ...readers, scope: 'materialViewer' },
  'mt.new': admin,
  'mt.create': admin,
  'mt.selfChecks': admin,
  'mt.edit': admin,
  'mt.editSave': admin,
  'mt.version': { roles: [], scope: 'materialAuthor' },
  'mt.file': { roles: [], scope: 'materialAuthor' },
  'mt.getFile': { ...readers, scope: 'materialViewer' },
  'mt.draft': { ...admin, scope: 'materialAuthor' },
  'mt.pass': { roles: [], scope: 'materialReviewer' },
  'mt.return': { roles: [], scope: 'materialReviewer' },
  'mt.comment': { roles: ['supervisor'] },
  'mg.list': { roles: ['anyone'], scope: 'self' },
  'mg.open': { ...readers, scope: 'meetingAttendee' },
  'mg.new': admin,
  'mg.create': admin,
  'mg.edit': admin,
  'mg.save': admin,
  'mg.start': admin,
  'mg.overrideForm': { roles: ['topLeader'] },
  'mg.override': { roles: ['topLeader'] },
  'mg.end': admin,
  'mg.survey': admin,
  'mg.in': { roles: [], scope: 'meetingAttendee' },
  'mg.confirm': { roles: [], scope: 'recordSubject' },
  'mg.correctForm': { roles: [], scope: 'recordSubject' },
  'mg.correct': { roles: [], scope: 'recordSubject' },
  'mg.record': admin,
  'mg.recordSave': admin,
  'mg.measure': admin,
  'mk.edit': admin,
  'mk.save': admin,
  'mk.back': admin,
  'tk.list': { roles: ['anyone'], scope: 'self' },
  'tk.open': { roles: ['admin', 'topLeader'], scope: 'talkParty' },
  // A party's own: recording it held, and their private note (nobody else's, whatever their role).
  'tk.doneForm': { roles: [], scope: 'talkParty' },
  'tk.done': { roles: [], scope: 'talkParty' },
  'tk.note': { roles: [], scope: 'talkParty' },
  'tk.noteSave': { roles: [], scope: 'talkParty' },
  // A planned talk rescheduled: either party, and the top leader and the office for any talk.
  'tk.moveForm': { roles: ['admin', 'topLeader'], scope: 'talkParty' },
  'tk.move': { roles: ['admin', 'topLeader'], scope: 'talkParty' },
  'tk.plan': { roles: ['admin', 'topLeader'] },
  'tk.planPage': { roles: ['admin', 'topLeader'] },
  'tk.drop': { roles: ['admin', 'topLeader'] },
  'tk.add': { roles: ['admin', 'topLeader'] },
  'tk.due': { roles: ['admin', 'topLeader'] },
  'tk.save': { roles: ['admin', 'topLeader'] },
  'tk.matrix': { roles: ['admin', 'topLeader'] },
  'ms.done': admin,
  'ms.doneSave': admin,
  'ce.end': { roles: ['admin', 'topLeader'] },
  'ce.override': { roles: ['topLeader'] },
  'ce.purge': admin,
  'ce.purgeConfirm': admin,
  'tl.phase': admin,
  'tl.new': admin,
  'tl.add': admin,
  'tl.edit': admin,
  'tl.editSave': admin,
  'tl.remove': admin,
  'tl.back': admin,
  // 走访链接: the office, and a leader for the visits they lead (the list shows them theirs; a new link is led by them).
  'ol.list': { roles: ['admin', 'leader'] },
  'ol.new': { roles: ['admin', 'leader'] },
  'ol.create': { roles: ['admin', 'leader'] },
  'ol.qr': { ...admin, scope: 'linkLeader' },
  'ol.extendForm': { ...admin, scope: 'linkLeader' },
  'ol.extend': { ...admin, scope: 'linkLeader' },
  'ol.revokeAsk': { ...admin, scope: 'linkLeader' },
  'ol.revoke': { ...admin, scope: 'linkLeader' },
};

/** Whether `roles` may use the action whatever record it names (the scope aside). */
export function rolesMayAct(action: CardActionName, roles: readonly Role[]): boolean {
  const allowed = ACTION_ACCESS[action].roles;
  return allowed.includes('anyone') || allowed.some((r) => roles.includes(r));
}
