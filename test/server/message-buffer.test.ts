/**
 * MessageBuffer: messages written in place with back-patched lengths; bytes handed out by take()
 * are never rewritten, even when the buffer grows while a message is open.
 */
import { describe, expect, test } from 'vitest';
import { MessageBuffer } from '../../src/server/message-buffer.js';

describe('MessageBuffer', () => {
  test('type byte, back-patched length, fields', () => {
    const b = new MessageBuffer();
    b.begin('C').cstring('SELECT 1').finish();
    b.begin('Z').byte(0x49).finish();
    expect(b.take().toString('hex')).toBe('43' + '0000000d' + Buffer.from('SELECT 1\0').toString('hex') + '5a' + '00000005' + '49');
    expect(b.pending).toBe(0);
  });

  test('taken bytes survive growth; an open message is kept back until finished', () => {
    const b = new MessageBuffer();
    b.begin('D').int16(1).lengthPrefixedText('a'.repeat(100)).finish();
    const first = b.take();
    const firstCopy = Buffer.from(first);
    b.begin('D').int16(1);
    b.lengthPrefixedText('é'.repeat(40_000));
    expect(b.take().length).toBe(0);
    b.finish();
    const second = b.take();
    expect(first.equals(firstCopy)).toBe(true);
    expect(second[0]).toBe(0x44);
    expect(second.readInt32BE(1)).toBe(4 + 2 + 4 + 80_000);
    expect(second.readInt32BE(7)).toBe(80_000);
    expect(second.toString('utf8', 11)).toBe('é'.repeat(40_000));
  });

  test('abandon drops a half-written message', () => {
    const b = new MessageBuffer();
    b.begin('C').cstring('ok').finish();
    b.begin('D').int16(3).int32(7);
    b.abandon();
    b.begin('Z').byte(0x49).finish();
    expect(b.take().toString('hex')).toBe('43' + '00000007' + '6f6b00' + '5a' + '00000005' + '49');
  });
});
