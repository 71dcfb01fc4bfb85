/**
 * Outbox keys of the campaign timeline (src/outbox.ts): one message per phase and start day, however often
 * the announcement runs; pinned by test/handlers/outbox-keys.test.ts.
 */
import { shortDigest } from '../../src/domain/digest.js';

/** A phase's announcement in the announce chat. */
export const phaseAnnouncedKey = (phaseKey: string, start: string) => `cp-phase-${phaseKey}-${start}`;
/** The weekly digest to one reader, once per ISO week. */
export const weeklyDigestKey = (week: string, openId: string) => `cp-digest-${week}-${openId}`;

/** A milestone's reminder step to one person (each exactly once, however often the step runs). */
export const milestoneReminderKey = (id: string, step: string, openId: string) => `cp-ms-${id}-${step}-${openId}`;

/** The list of milestone people Lark did not know, to one admin: once per content (a restart repeats nothing). */
export const unresolvedPeopleKey = (lines: readonly string[], openId: string) =>
  `cp-unresolved-${shortDigest([...lines].sort().join('\n'), 12)}-${openId}`;

/** The campaign's archive (结束活动) to one admin: per request, however often the export job runs. */
export const archiveFileKey = (requestId: string, openId: string) => `cp-archive-${requestId}-${openId}`;
/** The notice that the campaign ended or its data was purged, to one admin. */
export const campaignEndNoticeKey = (eventId: string, openId: string) => `cp-end-${eventId}-${openId}`;
