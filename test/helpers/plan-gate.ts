import type { TestBot } from './bot.js';

/**
 * Test fixture: the campaign's 整改方案 recorded as accepted (through the store, as the materials feature's
 * acceptance does), so the public board shows its items. For tests of the board itself, not of its gate
 * (test/integration/board/plan-gate.test.ts).
 */
export async function planAccepted(bot: TestBot, at: number, by = 'ou_admin_liu'): Promise<void> {
  await bot.service.deps.ctx.store.planGate.setPlanAccepted(at, by);
}

/**
 * Waits until the board queue has nothing left to do (but each generation's 13-day re-post and the daily refresh
 * after midnight), then the other queues.
 */
export async function boardSettled(bot: TestBot): Promise<void> {
  const queue = bot.service.deps.queues.board;
  const idle = async () => {
    const later = (await queue.getDelayed()).filter((j) => j.name === 'repost' || j.repeatJobKey).length;
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return c.waiting + c.active + c.prioritized === 0 && c.delayed === later;
  };
  await bot.until(async () => {
    if (!(await idle())) return false;
    await new Promise((r) => setTimeout(r, 50));
    return idle();
  }, 20_000, 'the board queue to drain');
  await bot.idle();
}
