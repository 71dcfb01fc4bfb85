/** Outbox keys of files people send and files the bot makes, under `file-` (see handlers/outbox-keys.ts). */

/** The answer to a file message: the hint (nobody waits for it), a refusal, or the receipt; per event and kind. */
export const fileAnswerKey = (eventId: string, what: 'hint' | 'refused' | 'receipt') => `file-${eventId}-${what}`;
/** The bot's .docx draft of the 征求意见情况报告 sent to a person: per request (the event that asked for it). */
export const opinionDraftKey = (requestId: string, openId: string) => `file-draft-opinion-${requestId}-${openId}`;
