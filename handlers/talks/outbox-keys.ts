/** Outbox keys of 谈心谈话 under `tk-` (see handlers/outbox-keys.ts). No note is ever sent: none has a key. */

/** A talk planned: its card to each party, once per talk and person. */
export const talkPlannedKey = (id: string, openId: string) => `tk-${id}-plan-${openId}`;
/** A talk recorded as held: the other party told, once per talk. */
export const talkHeldKey = (id: string, openId: string) => `tk-${id}-held-${openId}`;
/** A reminder (`g<gen>-<d1|over>`, src/domain/talks/reminders.ts): per talk, reminder and party. */
export const talkReminderKey = (id: string, reminder: string, openId: string) => `tk-${id}-r-${reminder}-${openId}`;
/** A planned talk's due day moved to generation `gen`: each party other than the mover told, once per move and person. */
export const talkMovedKey = (id: string, gen: number, openId: string) => `tk-${id}-due-g${gen}-${openId}`;
