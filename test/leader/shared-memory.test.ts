/**
 * The leader lets go of shared memory promptly: once statements report enough released bytes, a full
 * collection is owed and runs soon — while compute nodes work, or when the leader is idle — so
 * unreachable SharedArrayBuffers (a past COPY's row groups) are freed rather than left mapped until V8
 * happens to collect.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { CollectionDebt, ReleaseLedger, fullCollection } from '../../src/leader/shared-memory.js';

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

  test('an owed collection runs once when paid, however often it was owed, and not again until owed again', () => {
    let collections = 0;
    const debt = new CollectionDebt(60_000, () => collections++);
    debt.payNow();
    expect(collections).toBe(0);
    debt.owe();
    debt.owe();
    expect(collections).toBe(0);
    debt.payNow();
    expect(collections).toBe(1);
    debt.payNow();
    expect(collections).toBe(1);
    debt.owe();
    debt.payNow();
    expect(collections).toBe(2);
  });

  test('an owed collection nobody pays runs once the leader has been idle for a while', async () => {
    let collections = 0;
    const debt = new CollectionDebt(5, () => collections++);
    debt.owe();
    await new Promise((resolve) => setImmediate(resolve));
    expect(collections).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(collections).toBe(1);
    debt.payNow();
    expect(collections).toBe(1);
  });

  test('V8 gives the leader a full collection without --expose-gc on the command line, and no one else a gc()', () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    expect(() => collect!()).not.toThrow();
    expect(runInNewContext('typeof gc')).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'function' : 'undefined');
  });
});
