/** Outbox keys of materials for review (材料报审) under `mt-` (see handlers/outbox-keys.ts). */

/** The card an author gets when the office assigns them a material: per material, history position and author. */
export const materialAssignedKey = (id: string, historyLength: number, openId: string) => `mt-${id}-assign-h${historyLength}-${openId}`;
/** "烦请审阅": version `n` reached step `step`; per reviewer. */
export const materialReviewKey = (id: string, n: number, step: number, openId: string) => `mt-${id}-v${n}-s${step}-${openId}`;
/** 退回修改: version `n` returned; per author. */
export const materialReturnedKey = (id: string, n: number, openId: string) => `mt-${id}-v${n}-ret-${openId}`;
/** A supervisor's comment: per material, history position and author. */
export const materialCommentKey = (id: string, historyLength: number, openId: string) => `mt-${id}-c${historyLength}-${openId}`;
/** Accepted (审阅通过 of the whole chain): per person told (authors and the office). */
export const materialAcceptedKey = (id: string, openId: string) => `mt-${id}-ok-${openId}`;
/** A reminder (src/domain/materials/reminders.ts key: `g<gen>-<step>` or `v<n>-s<i>-<h2|h4>`); per recipient. */
export const materialReminderKey = (id: string, reminder: string, openId: string) => `mt-${id}-r-${reminder}-${openId}`;
/** A file version forwarded to a reviewer: once per version and person, whichever step they review it at. */
export const materialFileKey = (id: string, n: number, openId: string) => `mt-${id}-v${n}-file-${openId}`;
/** "Send the file now" after 发送文件: per material, version asked for and tap (the card action's event). */
export const materialFileAskKey = (id: string, n: number, eventId: string) => `mt-${id}-v${n}-ask-${eventId}`;
/** 获取文件: version `n`'s file forwarded to a person who asked for it on the card; once per version and person. */
export const materialFetchKey = (id: string, n: number, openId: string) => `mt-${id}-v${n}-get-${openId}`;
