/**
 * The leader lets go of shared memory promptly: once statements report enough released bytes, a full
 * collection runs, so unreachable SharedArrayBuffers (a past COPY's row groups) are freed rather than
 * left mapped until V8 happens to collect.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { ReleaseLedger, afterThisTurn, fullCollection } from '../../src/leader/shared-memory.js';

describe('shared memory release', () => {
  test('collects each time the threshold has been let go, not before', () => {
    let collections = 0;
    const ledger = new ReleaseLedger(100, () => collections++);
    ledger.release(60);
    expect(collections).toBe(0);
    ledger.release(40);
    expect(collections).toBe(1);
    ledger.release(99);
    expect(collections).toBe(1);
    ledger.release(250);
    expect(collections).toBe(2);
  });

  test('the collection runs after the statement, once however often it was asked for', async () => {
    let collections = 0;
    const collect = afterThisTurn(() => collections++);
    collect();
    collect();
    expect(collections).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(collections).toBe(1);
    collect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(collections).toBe(2);
  });

  test('V8 gives the leader a full collection without --expose-gc on the command line, and no one else a gc()', () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    expect(() => collect!()).not.toThrow();
    expect(runInNewContext('typeof gc')).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'function' : 'undefined');
  });
});
