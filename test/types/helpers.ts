import { expect } from 'vitest';
import { SqlError } from '../../src/types/index.js';

/** Run `fn`, expecting a SqlError with this SQLSTATE and (when given) exactly this message. */
export function expectSqlError(fn: () => unknown, code: string, message?: string): SqlError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SqlError);
  const err = caught as SqlError;
  expect(err.code).toBe(code);
  if (message !== undefined) expect(err.message).toBe(message);
  return err;
}
