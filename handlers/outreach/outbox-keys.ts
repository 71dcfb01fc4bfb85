/** Outbox keys of the 走访 links, under `ol-` (see handlers/outbox-keys.ts). Never the token: it is the URL's secret. */

/** The link's card (its URL as text) to whoever asked: per link and request (the create click or a 二维码 press, by event id). */
export const linkCardKey = (linkId: string, requestId: string) => `ol-${linkId}-${requestId}-card`;
/** The QR code as an image message: per link and request. */
export const linkQrKey = (linkId: string, requestId: string) => `ol-${linkId}-${requestId}-qr`;
/** The printable sheet (`<contact>-二维码.png`) as a file message: per link and request. */
export const linkSheetKey = (linkId: string, requestId: string) => `ol-${linkId}-${requestId}-sheet`;
