import { linkUrl } from '../../src/domain/outreach/link.js';
import { dayText } from '../../src/messages/campaign.js';
import { msg, t } from '../../src/messages/index.js';
import { qrPng, sheetPng } from '../../src/reports/outreach-qr.js';
import type { LinkRow } from '../../cards/outreach/common.js';
import { linkCard } from '../../cards/outreach/link.js';
import type { HandlerCtx } from '../context.js';
import { tz } from '../campaign-time.js';
import { linkCardKey, linkQrKey, linkSheetKey } from './outbox-keys.js';

const M = msg.outreach;

/** A file name from the contact point: what a file system refuses becomes "_", at most 60 characters before the suffix. */
const fileSafe = (s: string) => [...s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim()].slice(0, 60).join('') || '_';

/**
 * Sends `openId` the link's address, by direct message only (never in the answer of a click, which may be in a group):
 * the link card with the URL as text, the QR code as an image message, and the printable sheet as a PNG file
 * `<contact>-二维码.png`. `requestId` names the request (the click's event id): a re-run sends nothing twice, a new
 * press sends again. The bytes wait in Redis for the outbox (24 h at most), never in job data.
 */
export async function sendLinkAddress(ctx: HandlerCtx, row: LinkRow, openId: string, requestId: string): Promise<void> {
  const { link } = row;
  const url = linkUrl(ctx.publicUrl, link.token);
  const to = { openId };
  const sheet = sheetPng({ url, title: link.contact, day: t(dayText(link.day)), scan: t(M.sheet.scan) });
  await ctx.outbox.send({ key: linkCardKey(link.id, requestId), to, body: { type: 'card', card: linkCard(row, url, tz(ctx)) } });
  await ctx.outbox.sendImage({ key: linkQrKey(link.id, requestId), to, data: await qrPng(url) });
  const fileName = `${t(M.sheet.file(fileSafe(link.contact)))}.png`;
  await ctx.outbox.sendFile({ key: linkSheetKey(link.id, requestId), to, fileName, fileType: 'stream', data: sheet });
}
