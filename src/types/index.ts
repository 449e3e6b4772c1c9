/**
 * The types layer's public surface: what plan/ (type resolution) and exec/ (evaluation) use.
 * Redshift semantics live here: type names, literals, casts, comparison, arithmetic, formatting,
 * hashing for distribution, and the scalar function registry.
 */
export * from './datatype.js';
export * from './errors.js';
export { typeFromName } from './typename.js';
export { parseValue, castValue, canCast, commonType } from './cast.js';
export { parseValueWithRounding } from './parse.js';
export { type Rounding } from './decimal.js';
export { compareValues, valuesEqual } from './compare.js';
export { hashValue, hashRow } from './hash.js';
export { formatValue, toJsValue } from './format.js';
export { resolveOperator, resolveFunction, getImplementation, type ResolvedFunction } from './functions.js';
export { aggregateResultType } from './aggregates.js';
export { SLICE_NUM_ID } from './fn-misc.js';
