/**
 * The last step of every bulk write (COPY, INSERT ... SELECT, CREATE TABLE AS): each destination
 * slice's row groups become stored blocks on the slice's own node — sorted together by the table's
 * sort key and cut into blocks, one task per node — and the blocks are appended to the slices. Into
 * an empty slice they form its sorted region; otherwise they extend its unsorted region.
 */
import type { TableMeta } from '../catalog/relation.js';
import { nodeOfSlice, sliceCount, type DbState, type NodeRunner, type Topology } from '../leader/index.js';
import { appendBlocks, emptyTableData, packVectorGroups, withSlices, type Block, type PackedVectorGroups, type SliceData } from '../storage/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import { SqlError } from '../types/index.js';
import { withTable } from './write.js';

/** Each destination slice's blocks, built on the slice's own node. */
export async function buildSlices(
  perDestination: ReadonlyMap<number, readonly (readonly ColumnVector[])[]>,
  table: TableMeta,
  topology: Topology,
  runner: NodeRunner,
): Promise<Map<number, readonly Block[]>> {
  const types = table.columns.map((c) => c.type);
  const sortColumns = table.sortKey.columns.length > 0 ? table.sortKey.columns : null;
  const perNode = new Map<number, { slice: number; groups: PackedVectorGroups }[]>();
  for (const [slice, groups] of perDestination) {
    const node = nodeOfSlice(topology, slice);
    perNode.set(node, [...(perNode.get(node) ?? []), { slice, groups: packVectorGroups(groups) }]);
  }
  const replies = await Promise.all([...perNode].map(([node, slices]) => runner.copyBuild(node, { types, slices, sortColumns })));
  const built = new Map<number, readonly Block[]>();
  for (const reply of replies) {
    if (!reply.ok) throw SqlError.fromJSON(reply.error);
    for (const { slice, blocks } of reply.slices) built.set(slice, blocks);
  }
  return built;
}

/** The state with the built blocks appended to their slices of the table. */
export function appendBuilt(state: DbState, table: TableMeta, built: ReadonlyMap<number, readonly Block[]>, topology: Topology): DbState {
  const data = state.tables.get(table.id) ?? emptyTableData(sliceCount(topology));
  const sorted = table.sortKey.columns.length > 0;
  const changes = new Map<number, SliceData>();
  for (const [slice, blocks] of built) changes.set(slice, appendBlocks(data.slices[slice]!, blocks, { sorted }));
  return withTable(state, table.id, withSlices(data, changes));
}

/** The shared memory held by row groups (groups dealt together share buffers, counted once). */
export function rowGroupBytes(groups: Iterable<readonly ColumnVector[]>): number {
  const buffers = new Set<ArrayBufferLike>();
  for (const group of groups) {
    for (const v of group) {
      buffers.add(v.values.buffer);
      if (v.offsets !== null) buffers.add(v.offsets.buffer);
      if (v.validity !== null) buffers.add(v.validity.buffer);
    }
  }
  let bytes = 0;
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}
