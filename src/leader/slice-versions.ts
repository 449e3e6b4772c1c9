/**
 * Which slice data versions each compute node holds, so a task sends a version's data to a node only
 * once (see TaskTable in exec/task.ts). Versions are numbered by object identity: slice data is
 * immutable, a change makes a new version. The node keeps a bounded cache and says when a version is
 * missing (it restarted, or let it go); the task is then sent again with the data.
 */
import type { TaskTable } from '../exec/task.js';
import type { SliceData } from '../storage/table-data.js';
import type { NodeRunner } from './task.js';

/**
 * Versions assumed held per node, most recently sent last: half of what a node keeps
 * (compute/slice-cache.ts), so the node practically always still has what is assumed.
 */
const ASSUMED_HELD = 32;

const versionOf = new WeakMap<SliceData, number>();
let nextVersion = 1;
/** Per cluster (its NodeRunner), per node: the versions sent to it. */
const sentTo = new WeakMap<NodeRunner, Map<number, Set<number>>>();

function versionNumber(data: SliceData): number {
  let version = versionOf.get(data);
  if (version === undefined) {
    version = nextVersion++;
    versionOf.set(data, version);
  }
  return version;
}

function sentSet(runner: NodeRunner, node: number): Set<number> {
  let nodes = sentTo.get(runner);
  if (nodes === undefined) sentTo.set(runner, (nodes = new Map()));
  let sent = nodes.get(node);
  if (sent === undefined) nodes.set(node, (sent = new Set()));
  return sent;
}

/** The table as a task for `node` carries it: by number alone when the node holds it. */
export function taskTable(runner: NodeRunner, node: number, data: SliceData, resend: boolean): TaskTable {
  const version = versionNumber(data);
  const sent = sentSet(runner, node);
  const held = sent.delete(version) && !resend; // re-inserted last: most recently sent
  sent.add(version);
  if (sent.size > ASSUMED_HELD) sent.delete(sent.values().next().value!);
  return { version, data: held ? null : data };
}
