import { BIGINT, DOUBLE, MAX_DECIMAL_PRECISION, decimalType, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { NO_FUNCTION_HINT, bareTypeName } from './type-errors.js';

function noAggregate(fn: string, argType: SqlType | null): SqlError {
  return new SqlError(SqlState.undefinedFunction, `function ${fn}(${argType ? bareTypeName(argType) : ''}) does not exist`, { hint: NO_FUNCTION_HINT });
}

/** SUM and AVG: integers -> BIGINT (AVG truncates), DECIMAL(p,s) -> DECIMAL(38,s), floats -> DOUBLE PRECISION. */
function sumOrAvg(fn: string, t: SqlType): SqlType {
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return BIGINT;
    case 'decimal':
      return decimalType(MAX_DECIMAL_PRECISION, t.scale);
    case 'real':
    case 'double':
      return DOUBLE;
    default:
      throw noAggregate(fn, t);
  }
}

/** Result type of an aggregate under Redshift's rules (integer AVG -> BIGINT, SUM(int) -> BIGINT, ...). Throws 42883 for bad argument types. */
export function aggregateResultType(fn: string, argType: SqlType | null): SqlType {
  switch (fn) {
    case 'count':
    case 'count_star':
      return BIGINT;
    case 'sum':
    case 'avg':
      if (!argType) throw noAggregate(fn, argType);
      return sumOrAvg(fn, argType);
    case 'min':
    case 'max':
      if (!argType) throw noAggregate(fn, argType);
      return argType;
    default:
      throw noAggregate(fn, argType);
  }
}
