/** FrontendReader: frames cut from bytes however they arrive; garbage rejected as soon as a header shows it. */
import { serialize } from 'pg-protocol';
import { describe, expect, test } from 'vitest';
import { FrontendReader, type Frame } from '../../src/server/frontend-reader.js';

function frames(reader: FrontendReader): Frame[] {
  const out: Frame[] = [];
  for (let f = reader.next(); f; f = reader.next()) out.push(f);
  return out;
}

describe('FrontendReader', () => {
  const stream = Buffer.concat([
    serialize.requestSsl(),
    serialize.startup({ user: 'u' }),
    serialize.query('select 1'),
    serialize.parse({ text: 'x'.repeat(100_000) }),
    serialize.sync(),
  ]);

  test('the same frames whether the bytes come at once or one at a time', () => {
    const whole = new FrontendReader();
    whole.push(stream);
    const expected = frames(whole).map((f) => (f.kind === 'startup' ? `startup:${f.code}:${f.body.length}` : `${f.type}:${f.body.length}`));
    // pg-protocol's startup adds client_encoding; Parse is name, text, and a zero parameter-type count.
    expect(expected).toEqual(['startup:80877103:0', `startup:196608:${'user\0u\0client_encoding\0UTF8\0\0'.length}`, 'Q:9', `P:${1 + 100_001 + 2}`, 'S:0']);
    const trickle = new FrontendReader();
    const got: string[] = [];
    for (let i = 0; i < stream.length; i += 7) {
      trickle.push(stream.subarray(i, i + 7));
      for (const f of frames(trickle)) got.push(f.kind === 'startup' ? `startup:${f.code}:${f.body.length}` : `${f.type}:${f.body.length}`);
    }
    expect(got).toEqual(expected);
  });

  test('an unknown type is refused from its first byte; an impossible length from its header', () => {
    const r = new FrontendReader();
    r.push(serialize.startup({ user: 'u' }));
    frames(r);
    r.push(Buffer.from('z'));
    expect(() => r.next()).toThrow(/invalid frontend message type 122/);
    const r2 = new FrontendReader();
    r2.push(serialize.startup({ user: 'u' }));
    frames(r2);
    r2.push(Buffer.from([0x53, 0x7f, 0, 0, 0]));
    expect(() => r2.next()).toThrow(/invalid message length/);
    const r3 = new FrontendReader();
    r3.push(Buffer.from('GET / HTTP/1.1\r\n'));
    expect(() => r3.next()).toThrow(/invalid length of startup packet/);
  });
});
