/** leader/: transactions, scheduling of fragments on compute nodes, the query log and system tables. */
export { describeQuery, queryColumnUses, runQuery, runQueryVectors, type QueryOutput, type QueryVectors, type StatementEnv } from './query.js';
export { evaluateRows } from './evaluate.js';
export { QueryLog } from './query-log.js';
export { Database, Transaction, tableResource, type DbState } from './transactions.js';
export { sliceCount, nodeOfSlice, type NodeRunner, type Topology } from './task.js';
export { batchToArrow } from './arrow-result.js';
export { ROW_HANDLE_SLICE_FACTOR } from '../exec/spec.js';
export { ROW_HANDLE_COLUMN } from '../plan/index.js';
export { StatementCancel } from './cancel.js';
export { collectWhileNodesWork, releaseSharedMemory } from './shared-memory.js';
