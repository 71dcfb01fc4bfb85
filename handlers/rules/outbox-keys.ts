/** Outbox keys of the 建章立制 register under `rl-` (see handlers/outbox-keys.ts). */

/** A reminder card: per (rule, ladder generation, step, recipient). */
export const ruleStepKey = (ruleId: string, gen: number, step: string, openId: string) => `rl-${ruleId}-${gen}-${step}-${openId}`;
/** The rule card a person gets when they become its owner (牵头人): once per rule and person. */
export const ruleAssignedKey = (ruleId: string, openId: string) => `rl-${ruleId}-assign-${openId}`;
/** A short notice that the rule was submitted for review, issued or abolished: per history position and person. */
export const ruleNoticeKey = (ruleId: string, what: 'review' | 'adopt' | 'abolish', historyLength: number, openId: string) =>
  `rl-${ruleId}-${what}-h${historyLength}-${openId}`;
/** The rule card an admin gets once the rule's material is accepted (it can be 印发 / 废止): once per rule and admin. */
export const ruleReadyKey = (ruleId: string, openId: string) => `rl-${ruleId}-ready-${openId}`;
