/**
 * The execution engine: vectorized operators over Batches. plan/ builds the PExpr/POp specs
 * (spec.ts); compute nodes run fragments with runOperator and redistribute with partitionBatches;
 * the leader runs its merge part with runOperator over 'exchange' inputs.
 */
export type { ExecContext, ScanSource } from './context.js';
export { runOperator, runVectors, execute, outputWidth } from './run.js';
export { partitionBatches } from './partition.js';
export { concatBatches, emptyBatch } from './batch.js';
export { compileExpr, type Evaluator } from './expr.js';
export { compilePredicate, type Selector } from './predicate.js';
export { boxBatch, boxColumn, type Column, type VBatch } from './vector.js';
export { columnVector, vectorTypeOf, wireColumnVector } from './batch-vectors.js';
export * from './spec.js';
