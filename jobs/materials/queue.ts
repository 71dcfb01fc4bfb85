import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { materialIdSchema } from '../../src/domain/materials/material.js';
import {
  AUTHOR_STEPS, HOLD_STEPS, authorReminderKey, holdReminderKey, planAuthorReminders, planHoldReminders,
} from '../../src/domain/materials/reminders.js';
import { reminderLogged } from '../../src/domain/materials/transitions.js';
import { createCalendar } from '../../src/domain/calendar.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { MaterialJobs } from '../../handlers/materials/jobs.js';
import { runAuthorReminder, runHoldReminder } from '../../handlers/materials/steps/reminders.js';
import { reconcilePlanGate } from '../../handlers/materials/steps/plan-gate.js';

/**
 * The reminders of materials under review as delayed BullMQ jobs: the authors' `mta-<id>-g<gen>-<step>` (T−3, T−1,
 * overdue) and the reviewers' `mth-<id>-v<n>-s<step index>-<h2|h4>`. A job whose material moved on (a version
 * submitted, passed or returned, the due day moved, accepted) sends nothing; each message has an outbox key per
 * (material, reminder, recipient) and each reminder is logged on the material once: exactly once across restarts.
 */
const jobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('author'), id: materialIdSchema, gen: z.number().int().min(0), step: z.enum(AUTHOR_STEPS) }),
  z.strictObject({
    kind: z.literal('hold'), id: materialIdSchema, n: z.number().int().min(1), at: z.number().int().min(0), step: z.enum(HOLD_STEPS),
  }),
]);

const KEEP = { age: 30 * 86_400 };
const OPTS = { attempts: 10, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: KEEP, removeOnFail: KEEP };

export function createMaterialJobs(queue: Queue, now: () => number): MaterialJobs {
  const authorJobId = (id: string, gen: number, step: string) => `mta-${id}-${authorReminderKey(gen, step as 'd3')}`;
  const holdJobId = (id: string, n: number, at: number, step: string) => `mth-${id}-${holdReminderKey(n, at, step as 'h2')}`;
  return {
    async authorReminders(id, gen, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'author', data: jobSchema.parse({ kind: 'author', id, gen, step: s.step }),
        opts: { jobId: authorJobId(id, gen, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
    async cancelAuthorReminders(id, gen) {
      await Promise.all(AUTHOR_STEPS.map((s) => queue.remove(authorJobId(id, gen, s)).catch(() => 0)));
    },
    async holdReminders(id, n, at, steps) {
      if (!steps.length) return;
      await queue.addBulk(steps.map((s) => ({
        name: 'hold', data: jobSchema.parse({ kind: 'hold', id, n, at, step: s.step }),
        opts: { jobId: holdJobId(id, n, at, s.step), delay: Math.max(0, s.at - now()), ...OPTS },
      })));
    },
    async cancelHoldReminders(id, n, at) {
      await Promise.all(HOLD_STEPS.map((s) => queue.remove(holdJobId(id, n, at, s)).catch(() => 0)));
    },
  };
}

/**
 * At worker start: every material not accepted gets its reminders again (stable jobIds make this a no-op when they
 * are intact; reminders logged already are left out). A change whose jobs were lost between the write and the
 * scheduling (a crash, a Redis blip) would otherwise never remind anyone. An accepted 整改方案 the board has not
 * heard of (the process stopped in between) is published first.
 */
export async function resumeMaterialReminders(ctx: HandlerCtx): Promise<number> {
  await reconcilePlanGate(ctx);
  const cal = createCalendar(ctx.campaign.campaign.calendar, ctx.campaign.campaign.timezone);
  let n = 0;
  for (const m of await ctx.store.materials.list()) {
    if (m.state === 'accepted') continue;
    const author = planAuthorReminders(m.due, ctx.now(), cal).filter((s) => !reminderLogged(m, authorReminderKey(m.gen, s.step)));
    await ctx.materialJobs.authorReminders(m.id, m.gen, author);
    if (m.state === 'inReview' && m.at !== undefined && m.since !== undefined) {
      const v = m.versions.length;
      const hold = planHoldReminders(m.since, cal).filter((s) => !reminderLogged(m, holdReminderKey(v, m.at!, s.step)));
      await ctx.materialJobs.holdReminders(m.id, v, m.at, hold);
    }
    n++;
  }
  return n;
}

export function createMaterialProcessor(ctx: HandlerCtx) {
  return async function processMaterial(job: Job): Promise<string> {
    const parsed = jobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`materials job ${job.id}: invalid data`);
    const d = parsed.data;
    if (d.kind === 'author') return runAuthorReminder(d.id, d.gen, d.step, ctx);
    return runHoldReminder(d.id, d.n, d.at, d.step, ctx);
  };
}
