import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SOURCES, type Source } from '../opinions/opinion.js';
import { DEFAULT_GROUP, openIdSchema, partKeySchema, roundIdSchema } from '../evaluations/round.js';

/**
 * Outreach links (走进职工 beyond the tenant, issue #17). Pure: the link record, its ids and token, and its
 * state. A link is a visit (contact point, source group, day) reachable by URL (`/o/<token>`) and QR code by
 * people outside the tenant: it takes opinions and, when a round is attached, ratings, until it expires, is
 * revoked or holds `cap` entries. The token is the link's only secret; nothing about a person is kept with it.
 */

export const LINK_ID = /^[A-Za-z0-9_-]{12}$/;
/** 32 random bytes, base64url: the URL's secret part. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const CAP_DEFAULT = 200;
export const CAP_MAX = 100_000;

export const linkSchema = z.object({
  id: z.string().regex(LINK_ID),
  token: z.string().regex(LINK_TOKEN),
  contact: z.string().min(1).max(60),
  source: z.enum(SOURCES.map((s) => s.key) as [Source, ...Source[]]),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The round whose questions the page asks (an outreach or satisfaction round), if any. */
  roundId: roundIdSchema.optional(),
  /** The rater group the page's ratings are counted in (a group of the attached round; DEFAULT_GROUP when none). */
  group: partKeySchema.default(DEFAULT_GROUP),
  /** At most this many entries (an opinion, ratings, or both from one submit count once). */
  cap: z.number().int().min(1).max(CAP_MAX),
  /** The leader who leads the visit: they may list, extend and revoke it too. */
  leader: openIdSchema.optional(),
  createdBy: openIdSchema,
  createdAt: z.number().int(),
});
export type LinkRecord = z.infer<typeof linkSchema>;

/** A link as stored: the record, and what changes after creation (kept as separate fields). */
export interface Link extends LinkRecord {
  validUntil: number;
  revokedAt?: number;
  /** Entries taken so far. */
  entries: number;
}

export type LinkState = 'open' | 'expired' | 'revoked' | 'full';

export function linkState(l: Pick<Link, 'validUntil' | 'revokedAt' | 'entries' | 'cap'>, now: number): LinkState {
  if (l.revokedAt !== undefined) return 'revoked';
  if (now >= l.validUntil) return 'expired';
  if (l.entries >= l.cap) return 'full';
  return 'open';
}

export const newLinkId = () => randomBytes(9).toString('base64url');
export const newLinkToken = () => randomBytes(32).toString('base64url');

/** The page's address under PUBLIC_URL (no trailing slash there). */
export const linkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/o/${token}`;

/** The web channel a link's ratings are counted in, beside the in-Lark ballots (`lark`) and paper tallies (`paper`). */
export const linkChannel = (linkId: string) => `link-${linkId}`;
