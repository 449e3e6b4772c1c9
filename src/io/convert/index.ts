/**
 * io/convert: COPY's conversion of split records (formats/record.ts) into typed column vectors
 * (types/column-vector.ts), with Redshift's conversion parameters and load errors.
 */
export { RowConverter } from './row-converter.js';
export { createVectorBuilder, type VectorBuilder } from './vector-builder.js';
export type { LoadColumn, LoadErrorRow, LoadSource } from './contract.js';
