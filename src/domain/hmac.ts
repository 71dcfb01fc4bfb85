import { createHmac } from 'node:crypto';

/**
 * Keyed HMAC (DESIGN §3): the only form in which a person may stand near anonymous data
 * (participation registers, daily limits), and the form receipt codes are stored in.
 * `purpose` separates uses so one HMAC cannot be matched against another.
 */
export function keyedHmac(secret: string, purpose: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update([purpose, ...parts].join('\u0000')).digest('base64url').slice(0, 32);
}

/** Seconds since the epoch at which a per-day record expires: the end of the day after `day` (UTC+14 safe). */
export function dayExpiry(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 2 * 86_400;
}

export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}
