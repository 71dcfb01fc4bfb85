import { parseSettingsForm } from '../../src/domain/study/form.js';
import {
  cronStarts, isSkippedDay, newSession, sessionIdOf, type StudySession,
} from '../../src/domain/study/session.js';
import { localParts, DAY_MS } from '../../src/domain/calendar.js';
import { msg, t } from '../../src/messages/index.js';
import { settingsFieldErrors, studySettingsCard } from '../../cards/study/admin.js';
import type { Card } from '../../cards/types.js';
import { formRefused, toast, withCard } from '../card-answer.js';
import type { HandlerCtx } from '../context.js';
import { answerKey, respond } from '../respond.js';
import { nextSession, recordCardFor } from './record.js';
import { studyConfig, tzOf } from './common.js';
import type { CommandCall, CardHandler } from '../types.js';
import { hasRole } from '../access.js';
import { hasAnyRole } from '../../src/domain/commands.js';

/**
 * 学习: the member's record (next session, attendance, reflections) by direct message; for admins
 * also settings and the export. 学习 设置: the admins' form for the next session or an extra one.
 */

const S = msg.study;
const denied = () => toast('error', msg.errors.noPermissionFor);

export async function onStudy(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const card = await recordCardFor(ctx, cmd.callerOpenId, hasAnyRole(cmd.roles, 'admin'));
  await respond(cmd, { type: 'card', card }, ctx, { personal: true });
  // Remembered so that a change to the next session (学习 设置) updates this card too.
  await ctx.store.study.trackRecordCard(cmd.callerOpenId, answerKey(cmd, { personal: true }), ctx.now());
}

type SettingsView = Omit<Parameters<typeof studySettingsCard>[0], 'timeZone' | 'next'>;

async function settingsCardFor(ctx: HandlerCtx, extra: SettingsView = {}): Promise<Card> {
  const next = await nextSession(ctx);
  return studySettingsCard({ timeZone: tzOf(ctx), ...(next ? { next } : {}), ...extra });
}

export async function onStudySettings(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  const body = studyConfig(ctx)
    ? { type: 'card' as const, card: await settingsCardFor(ctx) }
    : { type: 'text' as const, text: t(S.toast.noStudy) };
  await respond(cmd, body, ctx);
}

export const onRecordOpen: CardHandler<'st.record'> = async (_a, event, ctx) =>
  withCard({}, await recordCardFor(ctx, event.operatorOpenId, await hasRole(event.operatorOpenId, ctx, 'admin')));

export const onSettingsOpen: CardHandler<'st.settings'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  if (!studyConfig(ctx)) return toast('warning', S.toast.noStudy);
  return withCard({}, await settingsCardFor(ctx));
};

/**
 * The next scheduled session, created now when the plan has not reached it yet (the first cron
 * occurrence ahead that is not a skip date or holiday).
 */
async function nextOrPlanned(ctx: HandlerCtx): Promise<StudySession | undefined> {
  const planned = await nextSession(ctx);
  if (planned) return planned;
  const cfg = studyConfig(ctx)!;
  const tz = tzOf(ctx);
  const now = ctx.now();
  const start = cronStarts(cfg.cron, tz, now, now + 366 * DAY_MS).find((x) => !isSkippedDay(localParts(x, tz).day, ctx.campaign.campaign));
  if (start === undefined) return undefined;
  await ctx.store.study.ensureSession(newSession(start, cfg, 'cron', now, tz));
  return ctx.store.study.getSession(sessionIdOf(start, tz));
}

/** 保存: topic, place, materials of the next session, or an extra session; audited; sent cards updated. */
export const onSettingsSave: CardHandler<'st.save'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  const cfg = studyConfig(ctx);
  if (!cfg) return toast('warning', S.toast.noStudy);
  const tz = tzOf(ctx);
  const now = ctx.now();
  const form = parseSettingsForm(event.formValue ?? {}, { now, timeZone: tz });
  if (!form.ok) {
    const again = await settingsCardFor(ctx, { errors: form.errors });
    return formRefused(msg.errors.badInput, again, event.formValue, settingsFieldErrors(form.errors));
  }
  const v = form.value;
  let target: StudySession | undefined;
  let created = false;
  if (v.target === 'oneoff') {
    // An extra session at a time the schedule also has is that session (one id per local start).
    created = await ctx.store.study.ensureSession(newSession(v.start!, cfg, 'oneoff', now, tz));
    target = await ctx.store.study.getSession(sessionIdOf(v.start!, tz));
  } else target = await nextOrPlanned(ctx);
  if (!target) return toast('warning', S.toast.noNext);
  // An extra session is wanted whatever the schedule says of that slot: it is a one-off from now on.
  const oneoff = v.target === 'oneoff' ? { source: 'oneoff' as const, status: 'planned' as const } : {};
  const patch = { topic: v.topic, place: v.place || cfg.place, materials: v.materials, ...oneoff };
  await ctx.store.study.updateSession(target.id, patch, {
    at: now, actor: event.operatorOpenId, action: 'study.settings',
    detail: { session: target.id, target: v.target, materials: v.materials.length },
  });
  // Cards already sent for this session are brought up to date (a new session has none yet).
  await ctx.studyJobs.schedule(target.id, { refreshCards: !created });
  const saved = (await ctx.store.study.getSession(target.id))!;
  return withCard(toast('success', S.toast.settingsSaved), await settingsCardFor(ctx, { saved }));
};

/** 导出: attendance and reflections (named) as XLSX, built in the export queue and sent by direct message; audited. */
export const onStudyExport: CardHandler<'st.export'> = async (_a, event, ctx) => {
  if (!(await hasRole(event.operatorOpenId, ctx, 'admin'))) return denied();
  await ctx.exports.enqueue({ kind: 'study-export', format: 'xlsx', requester: event.operatorOpenId, requestId: event.eventId });
  await ctx.store.audit.add({ at: ctx.now(), actor: event.operatorOpenId, action: 'study.export', detail: { format: 'xlsx' } });
  return toast('success', msg.report.exportQueued);
};
