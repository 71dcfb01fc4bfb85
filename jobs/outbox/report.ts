import type { Queue } from 'bullmq';
import type { Logger } from '../../src/log.js';
import { createOutbox } from '../../src/outbox.js';
import type { OutboxStore, Unreachable } from '../../src/store/outbox.js';
import { unreachableReportKey } from '../../handlers/outbox-keys.js';

const MAX_LISTED = 50;

const REASONS: Record<number, string> = {
  230013: '不在应用可用范围内或已离职',
  230002: '机器人不在群内',
  232009: '群已解散',
};

/** Plain text (no markdown): only ids and codes, rendered by Lark as mentions. */
function unreachableReportText(entries: Unreachable[]): string {
  const lines = entries.slice(0, MAX_LISTED).map((e) => {
    const who = e.kind === 'user' ? `<at user_id="${e.id}"></at>` : `群 ${e.id}`;
    return `· ${who}：${REASONS[e.code] ?? '无法送达'}（${e.code}）`;
  });
  if (entries.length > MAX_LISTED) lines.push(`……以及另外 ${entries.length - MAX_LISTED} 个`);
  return [
    `【送达失败】以下 ${entries.length} 个对象收不到机器人的消息，已从参与统计中排除：`,
    ...lines,
    '处理办法：在开发者后台扩大应用的可用范围，或把机器人重新拉进群聊。',
  ].join('\n');
}

/**
 * Sends the unreachable entries gathered since the last report to every admin who can be
 * reached. Admins listed as unreachable themselves get nothing (they cannot receive it), and
 * failures of these sends are recorded but never reported again (REPORT_KEY_PREFIX).
 * Entries are cleared only after the sends are queued; a retry re-queues the same keys.
 */
export async function reportUnreachable(deps: {
  store: OutboxStore;
  queue: Queue;
  admins: () => Promise<string[]>;
  log: Logger;
}): Promise<string> {
  const entries = await deps.store.unreported();
  if (entries.length === 0) return 'nothing to report';
  const ids = new Set(entries.map((e) => e.id));
  const recipients = [...new Set(await deps.admins())].filter((a) => !ids.has(a));
  if (recipients.length === 0) {
    deps.log.warn({ count: entries.length }, 'outbox: no reachable admin to report unreachable recipients to');
  } else {
    const text = unreachableReportText(entries);
    await createOutbox(deps.queue, deps.store).sendMany(
      recipients.map((a) => ({ key: unreachableReportKey(ids, a), to: { openId: a }, body: { type: 'text' as const, text } })),
    );
  }
  await deps.store.clearUnreported([...ids]);
  return `reported ${entries.length} to ${recipients.length}`;
}
