import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Keys never written to a log line: message text, card form values, receipt codes.
 * Anonymous paths (opinion submit, receipt look-up, ballots) log no identity at all: the tests
 * scan the captured logs for the writers' and voters' ids.
 */
const redactPaths = [
  'text', '*.text', 'content', '*.content', 'form_value', '*.form_value', 'formValue', '*.formValue',
  'receiptCode', '*.receiptCode', 'card', '*.card',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
