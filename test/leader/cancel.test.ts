/** A statement's cancel: every task raced against it, and every subscriber, learn of it once. */
import { describe, expect, it } from 'vitest';
import { StatementCancel } from '../../src/leader/cancel.js';

/** Warnings Node emits while `run` runs (they come on a later tick). */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(`${w.name}: ${w.message}`);
  };
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('StatementCancel', () => {
  it('races many tasks at once without a listener-leak warning; a cancel fails every one', async () => {
    const cancel = new StatementCancel();
    cancel.queryId = 7;
    const warnings = await warningsDuring(async () => {
      // A plan's tasks: 50 in flight at once, none finishing before the cancel.
      const raced = Array.from({ length: 50 }, () => cancel.race(new Promise<number>(() => undefined)));
      cancel.cancel();
      const outcomes = await Promise.allSettled(raced);
      expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === "Query (7) cancelled on user's request")).toBe(true);
    });
    expect(warnings).toEqual([]);
    expect(Atomics.load(cancel.flag, 0)).toBe(1);
  });

  it('a finished task lets go of the cancel; a subscriber is called once, and not after unsubscribing', async () => {
    const cancel = new StatementCancel();
    expect(await cancel.race(Promise.resolve(3))).toBe(3);
    await expect(cancel.race(Promise.reject(new Error('node failed')))).rejects.toThrow('node failed');
    const calls: string[] = [];
    const stop = (): void => {
      calls.push('stop');
    };
    cancel.onCancel(stop);
    const unsubscribe = cancel.onCancel(stop);
    const other = cancel.onCancel(() => calls.push('other'));
    unsubscribe();
    other();
    cancel.cancel();
    cancel.cancel();
    expect(calls).toEqual(['stop']);
    // Once cancelled: at once.
    cancel.onCancel(() => calls.push('late'));
    expect(calls).toEqual(['stop', 'late']);
    await expect(cancel.race(Promise.resolve(1))).rejects.toThrow('cancelled');
  });
});
