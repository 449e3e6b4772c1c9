/**
 * Slicewise's public API.
 *
 *   const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
 *   const r = await cluster.query('select ...', params);
 *   r.rows; r.fields; r.toArrow();
 *   const s = cluster.session(); await s.query('begin'); ...
 *   await cluster.close();
 */
export { Cluster, ClusterSnapshot, Session, type ClusterOptions } from './cluster/cluster.js';
export { commandTag, type QueryResult, type Field, type Notice, type StatementDescription, type TaskInfo } from './session/result.js';
export type { QueryOptions } from './session/session.js';
export type { CopyProgress, SliceCopyProgress } from './commands/index.js';
export { SqlError, SqlState } from './types/errors.js';
export { splitStatements } from './sql/index.js';
