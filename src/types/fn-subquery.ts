/**
 * Implementations the binder uses for subqueries, by id only (no SQL name, so no query can call them).
 * `scalar_subquery_value(value, rows)`: a correlated scalar subquery's value for one outer row, given
 * the number of inner rows that matched it — NULL for none, the value for one, error 21000 for more.
 */
import { SqlError, SqlState } from './errors.js';
import { registerImplementation } from './registry.js';

export const SCALAR_SUBQUERY_VALUE_ID = 'scalar_subquery_value';

registerImplementation(
  SCALAR_SUBQUERY_VALUE_ID,
  (value, rows) => {
    if (rows !== null && BigInt(rows as bigint | number) > 1n) throw new SqlError(SqlState.cardinalityViolation, 'more than one row returned by a subquery used as an expression');
    return value;
  },
  false,
);
