/**
 * The slice data versions a compute node has received (see TaskTable in exec/task.ts), most recently
 * used last. Bounded: a version the leader still sends by number after it was let go is reported
 * missing, and the leader sends it again with its data.
 */
import type { TaskTable } from '../exec/task.js';
import type { SliceData } from '../storage/table-data.js';

/**
 * Versions kept per node: every slice of a few statements' tables. A version kept holds its blocks'
 * memory (shared with the leader) even after the table changed, so not many more.
 */
const CAPACITY = 64;

const versions = new Map<number, SliceData>();

/** Each table's slice data, or null with the versions this node does not hold. */
export function resolveTables(tables: Readonly<Record<number, TaskTable>>): { data: Record<number, SliceData>; missing: number[] } {
  const data: Record<number, SliceData> = {};
  const missing: number[] = [];
  for (const [id, table] of Object.entries(tables)) {
    const slice = table.data ?? versions.get(table.version);
    if (slice === undefined) {
      missing.push(table.version);
      continue;
    }
    versions.delete(table.version); // re-inserted last: most recently used
    versions.set(table.version, slice);
    data[Number(id)] = slice;
  }
  while (versions.size > CAPACITY) versions.delete(versions.keys().next().value!);
  return { data, missing };
}
