import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';

/**
 * The QR code of an outreach link (issue #17), pure: the image message (the QR code alone, 600 px) and the printable
 * sheet (an A4 page at 150 dpi: the QR code large, the visit's name under it, the address in small print). The sheet is
 * an SVG rendered by resvg with the system's fonts: the Chinese lines need a CJK font installed on the host (README).
 */

/** CJK fonts first (Debian: fonts-noto-cjk, fonts-wqy-microhei), then whatever sans-serif the host has. */
export const SHEET_FONTS = 'Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Noto Sans SC, sans-serif';
const PAGE = { width: 1240, height: 1754 };
const QR_SIDE = 900;
/** Characters per line of the visit's name at its size (a CJK glyph is about as wide as it is tall). */
const TITLE_LINE = 18;
const TITLE_LINES = 4;

/** The QR code as a PNG for an image message. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: 600, type: 'png' });
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // Characters XML 1.0 does not allow, and bidi overrides.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g, '');

function lines(text: string, per: number, max: number): string[] {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const out: string[] = [];
  for (let i = 0; i < chars.length && out.length < max; i += per) out.push(chars.slice(i, i + per).join(''));
  if (chars.length > per * max) out[max - 1] = `${[...out[max - 1]!].slice(0, per - 1).join('')}…`;
  return out;
}

/** The QR code's dark modules as one SVG path, `side` px square at (x, y), with a quiet zone of 2 modules. */
function qrPath(url: string, x: number, y: number, side: number): string {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
  const unit = side / (size + 4);
  const u = unit.toFixed(2);
  const d: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      d.push(`M${(x + (col + 2) * unit).toFixed(2)} ${(y + (row + 2) * unit).toFixed(2)}h${u}v${u}h-${u}z`);
    }
  }
  return `<path fill="#000" d="${d.join('')}"/>`;
}

export interface SheetInput {
  url: string;
  /** The visit's name: the contact point (typed by a person: escaped here). */
  title: string;
  /** The day of the visit, as people read it ("2027年3月5日（周五）"). */
  day: string;
  /** The line asking people to scan. */
  scan: string;
}

/** The printable sheet as SVG (kept apart so tests can read its text). */
export function sheetSvg(v: SheetInput): string {
  const left = (PAGE.width - QR_SIDE) / 2;
  const top = 180;
  const text = (y: number, size: number, s: string, weight = 'normal') =>
    `<text x="${PAGE.width / 2}" y="${y}" font-size="${size}" font-weight="${weight}" text-anchor="middle">${escapeXml(s)}</text>`;
  const title = lines(v.title, TITLE_LINE, TITLE_LINES);
  let y = top + QR_SIDE + 110;
  const out: string[] = [text(120, 44, v.scan)];
  for (const l of title) {
    out.push(text(y, 60, l, 'bold'));
    y += 76;
  }
  out.push(text(y + 10, 40, v.day), text(PAGE.height - 90, 22, v.url));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}">`
    + `<rect width="100%" height="100%" fill="#fff"/>${qrPath(v.url, left, top, QR_SIDE)}`
    + `<g font-family="${SHEET_FONTS}" fill="#000">${out.join('')}</g></svg>`;
}

/** The printable sheet as a PNG (the file message `<contact>-二维码.png`). */
export function sheetPng(v: SheetInput): Buffer {
  const resvg = new Resvg(sheetSvg(v), { font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }, background: '#fff' });
  return resvg.render().asPng();
}
