import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Keys never written to a log line: message text, card form values, receipt codes.
 * Anonymous paths additionally log no identity at all (they are handed `anonLog`).
 */
const redactPaths = [
  'text', '*.text', 'content', '*.content', 'form_value', '*.form_value', 'formValue', '*.formValue',
  'receiptCode', '*.receiptCode', 'card', '*.card',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

/** A child logger for anonymous flows: identities are dropped, whatever the caller passes. */
export function anonLogger(log: Logger): Logger {
  return log.child({}, {
    redact: { paths: [...redactPaths, 'openId', '*.openId', 'open_id', '*.open_id', 'userId', 'user_id', 'union_id', 'chatId', 'chat_id', 'messageId', 'message_id', 'operator', '*.operator'], censor: '[redacted]', remove: true },
  });
}
