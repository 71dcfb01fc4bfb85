import type { Queues } from '../../src/queues.js';
import { campaignWindow } from '../../src/domain/campaign/window.js';
import type { HandlerCtx } from '../../handlers/context.js';
import type { TimelineJobs } from '../../handlers/campaign/jobs.js';
import { syncBoardSchedule } from '../board/queue.js';
import { syncStudySchedule } from '../study/queue.js';
import { syncMilestoneReminders, syncPhaseAnnouncements, syncWeeklyDigest } from './queue.js';
import { effectiveCampaign } from '../../handlers/campaign/timeline.js';

/**
 * The timeline's seam (HandlerCtx.timelineJobs): after an edit in 进度 设置, the same syncs a worker start runs,
 * on the effective timeline. Adding a job twice is a no-op (stable ids); jobs planned for old dates find their
 * phase or milestone gone and send nothing; schedulers are upserted with the new window.
 */
export function createTimelineJobs(queues: Pick<Queues, 'campaign' | 'study' | 'board'>, ctxOf: () => HandlerCtx): TimelineJobs {
  return {
    async replan() {
      const ctx = ctxOf();
      const effective = await effectiveCampaign(ctx);
      const c = effective.campaign;
      await Promise.all([
        syncPhaseAnnouncements(queues.campaign, ctx),
        syncMilestoneReminders(queues.campaign, ctx),
        syncWeeklyDigest(queues.campaign, ctx),
        syncStudySchedule(queues.study, effective, ctx.log, ctx.now),
        syncBoardSchedule(queues.board, c.timezone, Boolean(c.announceChatId), campaignWindow(c), ctx.now),
      ]);
    },
  };
}
