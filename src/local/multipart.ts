import type { IncomingMessage } from 'node:http';

/** Minimal multipart/form-data reader for the fake server's file upload, and its body reader. */
interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]).trim() : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF, next delimiter.
    const chunk = body.subarray(start + 2, next - 2);
    const sep = chunk.indexOf('\r\n\r\n');
    if (sep !== -1) {
      const head = chunk.subarray(0, sep).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
          data: Buffer.from(chunk.subarray(sep + 4)),
        });
      }
    }
    pos = next;
  }
  return parts;
}

/** An upload as the fake records it: its form fields, file bytes replaced by their size. */
export function describeForm(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const boundary = boundaryOf(contentType);
  if (!boundary) return {};
  return Object.fromEntries(parseMultipart(raw, boundary)
    .map((p) => [p.name, p.filename !== undefined || p.name === 'file' ? { bytes: p.data.length } : p.data.toString()]));
}

/** The request body, or undefined past `max` bytes (read to the end, kept only up to `max`). */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
