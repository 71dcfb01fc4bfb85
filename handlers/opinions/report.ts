import type { CardAction } from '../../cards/actions.js';
import { opinionReportCard } from '../../cards/opinions/report.js';
import { hasAnyRole, type Role } from '../../src/domain/commands.js';
import { dayOf } from '../../src/domain/opinions/opinion.js';
import { msg, t } from '../../src/messages/index.js';
import type { CardEvent, CardAnswer } from '../../src/pipeline.js';
import { buildOpinionReport } from '../../src/reports/opinion-report.js';
import { toast } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import type { CommandCall } from '../types.js';
import { callerRoles } from '../access.js';

const mayRead = (roles: readonly Role[]) => hasAnyRole(roles, 'admin', 'supervisor');

/** `意见报告`: the report card (admins and supervisors; the router checked, checked again here). */
export async function onReport(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  if (!mayRead(cmd.roles)) return respond(cmd, { type: 'text', text: t(msg.report.noPermission) }, ctx);
  const report = await buildOpinionReport(ctx.store.opinions, ctx.campaign);
  const { name, timezone } = ctx.campaign.campaign;
  const card = opinionReportCard(report, { campaignName: name, day: dayOf(ctx.now(), timezone) });
  await respond(cmd, { type: 'card', card }, ctx, { personal: true });
}

/** An export button: role checked on the server, the file built in a job and sent by direct message. */
export async function onReportExport(
  a: Extract<CardAction, { a: 'rp.export' }>, event: CardEvent, ctx: HandlerCtx,
): Promise<CardAnswer> {
  const roles = await callerRoles(event.operatorOpenId, ctx);
  if (!mayRead(roles)) return toast('error', msg.report.noPermission);
  await ctx.exports.enqueue({ kind: 'opinion-export', format: a.format, requester: event.operatorOpenId, requestId: event.eventId });
  await ctx.store.audit.add({ at: ctx.now(), actor: event.operatorOpenId, action: 'opinion.export', detail: { format: a.format } });
  ctx.log.info({ actor: event.operatorOpenId, format: a.format }, 'opinion export requested');
  return toast('success', msg.report.exportQueued);
}
