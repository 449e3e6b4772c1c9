import { expect } from 'vitest';
import {
  SqlError, castValue, formatValue, getImplementation, parseValue, resolveFunction, resolveOperator, type SqlType,
} from '../../src/types/index.js';

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

/**
 * Resolve and run `name(args)` as the engine would: args are [type, text] (text null for NULL),
 * parsed into engine values of the resolved argument types; the result printed, 'NULL' for null.
 */
export function call(name: string, ...args: [SqlType, string | null][]): string {
  const res = resolveFunction(name, args.map(([t]) => t));
  const values = args.map(([, text], i) => (text === null ? null : castValue(parseValue(text, args[i]![0]), args[i]![0], res.argTypes[i]!, false)));
  const impl = getImplementation(res.id);
  if (impl.strict && values.includes(null)) return 'NULL';
  const out = impl.fn(...values);
  return out === null ? 'NULL' : formatValue(out, res.type);
}

/** The same through an operator. */
export function callOperator(op: string, left: [SqlType, string], right: [SqlType, string]): string {
  const res = resolveOperator(op, left[0], right[0]);
  const values = [left, right].map(([t, text], i) => castValue(parseValue(text, t), t, res.argTypes[i]!, false));
  return formatValue(getImplementation(res.id).fn(...values), res.type);
}
