import { describe, expect, it } from 'vitest';
import { botEventSchema, parseBody } from '../../../src/lark/schema.js';
import { fixture } from '../../helpers/lark-push.js';

/** im.message.receive_v1 of message_type `file`: the event carries `file`, never `text`; bad content is no file, never a throw. */
function fileEvent(content: string, messageType = 'file') {
  const body = fixture('im.message.receive_v1.p2p');
  body.event.message.message_type = messageType;
  body.event.message.content = content;
  const parsed = parseBody(body);
  if (parsed.kind !== 'event' || parsed.event.type !== 'message') throw new Error('not a message event');
  return parsed.event;
}

describe('file messages in im.message.receive_v1', () => {
  it('reads file_key and file_name of a file message', () => {
    const e = fileEvent(JSON.stringify({ file_key: 'file_v3_00ab_cdef', file_name: '对照检查材料（第二稿）.docx' }));
    expect(e.file).toEqual({ fileKey: 'file_v3_00ab_cdef', fileName: '对照检查材料（第二稿）.docx' });
    expect(e.text).toBeUndefined();
    expect(e.messageType).toBe('file');
    // What the inbound queue carries parses again when its job runs.
    expect(botEventSchema.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
  });

  it('gives no file for content that is not a file\'s, and never throws', () => {
    for (const bad of ['not json', '{}', '[]', 'null', JSON.stringify({ file_key: '', file_name: 'a.pdf' }),
      JSON.stringify({ file_key: 'file_v3_1' }), JSON.stringify({ file_key: 7, file_name: 'a.pdf' }),
      JSON.stringify({ file_key: 'k'.repeat(600), file_name: 'a.pdf' })]) {
      const e = fileEvent(bad);
      expect(e.file, bad).toBeUndefined();
      expect(e.text).toBeUndefined();
    }
  });

  it('reads no file from other message types, even with a file-shaped content', () => {
    const e = fileEvent(JSON.stringify({ file_key: 'file_v3_1', file_name: 'a.pdf' }), 'image');
    expect(e.file).toBeUndefined();
    const t = fileEvent(JSON.stringify({ text: '帮助' }), 'text');
    expect(t).toMatchObject({ text: '帮助' });
    expect(t.file).toBeUndefined();
  });
});
