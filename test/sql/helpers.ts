import { expect } from 'vitest';
import { SqlError } from '../../src/types/errors.js';
import { parseStatement, type Query, type Select, type Statement } from '../../src/sql/index.js';

/** The query of a query statement. */
export function queryOf(sql: string): Query {
  const statement = parseStatement(sql);
  if (statement.kind !== 'query') throw new Error(`expected a query, got ${statement.kind}`);
  return statement.query;
}

/** The SELECT of a simple query statement. */
export function selectOf(sql: string): Select {
  const query = queryOf(sql);
  if (query.kind !== 'select') throw new Error(`expected a select, got ${query.kind}`);
  return query;
}

/** A statement of the given kind. */
export function statementOf<K extends Statement['kind']>(sql: string, kind: K): Extract<Statement, { kind: K }> {
  const statement = parseStatement(sql);
  expect(statement.kind).toBe(kind);
  return statement as Extract<Statement, { kind: K }>;
}

/** The SqlError thrown by `fn`. */
export function errorOf(fn: () => unknown): SqlError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SqlError);
    return e as SqlError;
  }
  throw new Error('expected an error');
}

/** Assert `sql` fails to parse with a syntax error at `near` (the token text) and its position. */
export function expectSyntaxError(sql: string, near: string | null, position?: number): void {
  const error = errorOf(() => parseStatement(sql));
  expect(error.code).toBe('42601');
  if (near === null) {
    expect(error.message).toBe('syntax error at end of input');
    expect(error.position).toBe(sql.length);
  } else {
    expect(error.message).toBe(`syntax error at or near "${near}"`);
    expect(error.position).toBe(position ?? sql.indexOf(near));
  }
}
