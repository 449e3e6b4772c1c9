import { BIGINT, BOOLEAN, DOUBLE, MAX_DECIMAL_PRECISION, MAX_VARCHAR_LENGTH, decimalType, isIntegerType, isNumericType, varcharType, type SqlType } from './datatype.js';
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
    case 'any_value':
      if (!argType) throw noAggregate(fn, argType);
      return argType;
    case 'stddev':
    case 'stddev_samp':
    case 'stddev_pop':
    case 'variance':
    case 'var_samp':
    case 'var_pop':
      // Computed in floating point whatever the input (Redshift: "a double precision number").
      if (!argType || !isNumericType(argType)) throw noAggregate(fn, argType);
      return DOUBLE;
    case 'bool_and':
    case 'bool_or':
      if (!argType || (argType.kind !== 'boolean' && !isIntegerType(argType))) throw noAggregate(fn, argType);
      return BOOLEAN;
    case 'bit_and':
    case 'bit_or':
      if (!argType || !isIntegerType(argType)) throw noAggregate(fn, argType);
      return argType;
    case 'approx_count_distinct':
      return BIGINT;
    case 'listagg':
      return varcharType(MAX_VARCHAR_LENGTH);
    case 'median':
    case 'percentile_cont':
      if (!argType) throw noAggregate(fn, argType);
      return percentileContType(fn, argType);
    case 'percentile_disc':
      if (!argType || !(isNumericType(argType) || isDateTimeOrdered(argType))) throw noAggregate(fn, argType);
      return argType;
    default:
      throw noAggregate(fn, argType);
  }
}

function isDateTimeOrdered(t: SqlType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamptz';
}

/**
 * MEDIAN / PERCENTILE_CONT interpolate: integers become DECIMAL with one fractional digit (Redshift
 * prints `17.5` and `10.0` for INTEGER input), DECIMAL keeps its type, floats give DOUBLE, dates and
 * timestamps keep theirs.
 */
function percentileContType(fn: string, t: SqlType): SqlType {
  switch (t.kind) {
    case 'smallint':
      return decimalType(6, 1);
    case 'integer':
      return decimalType(11, 1);
    case 'bigint':
      return decimalType(20, 1);
    case 'decimal':
      return t;
    case 'real':
    case 'double':
      return DOUBLE;
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return t;
    default:
      throw noAggregate(fn, t);
  }
}
