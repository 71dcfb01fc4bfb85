import { phaseOf } from '../../../src/domain/campaign/phases.js';
import { phaseStartedCard } from '../../../cards/campaign/phase.js';
import type { HandlerCtx } from '../../context.js';
import { phaseAnnouncedKey } from '../outbox-keys.js';
import { effectiveCampaign } from '../timeline.js';

/**
 * The campaign job's step for a phase that begins: its card in the announce chat, once per phase and start
 * day. An announcement planned for dates the file no longer gives (the phase moved or went) sends nothing.
 */
export async function announcePhase(ctx: HandlerCtx, key: string, start: string): Promise<string> {
  const c = (await effectiveCampaign(ctx)).campaign;
  const phase = phaseOf(c.phases, key, start);
  if (!phase) return 'stale';
  if (!c.announceChatId) return 'no announce chat';
  const card = phaseStartedCard({
    campaignName: c.name, index: phase.index, phase, milestones: phase.milestones, locale: c.locale === 'en-US' ? 'en' : 'zh',
  });
  await ctx.outbox.send({ key: phaseAnnouncedKey(key, start), to: { chatId: c.announceChatId }, body: { type: 'card', card } });
  return 'announced';
}
