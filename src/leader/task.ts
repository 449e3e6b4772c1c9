/** How the leader reaches compute nodes, and the cluster's shape. */
import type { TaskMessage, TaskReply } from '../exec/task.js';
import type { CopyBuildReply, CopyBuildTask, CopyScanReply, CopyScanTask } from '../exec/copy-task.js';

export type { TaskMessage, TaskReply };

/** Runs tasks on compute nodes. Implemented by cluster/ with one worker thread per node. */
export interface NodeRunner {
  run(node: number, task: TaskMessage): Promise<TaskReply>;
  /** COPY: the node's slices read and parse their files. */
  copyScan(node: number, task: CopyScanTask): Promise<CopyScanReply>;
  /** COPY: one of the node's slices turns the rows dealt to it into blocks. */
  copyBuild(node: number, task: CopyBuildTask): Promise<CopyBuildReply>;
}

export interface Topology {
  readonly nodes: number;
  readonly slicesPerNode: number;
}

export function sliceCount(t: Topology): number {
  return t.nodes * t.slicesPerNode;
}

export function nodeOfSlice(t: Topology, slice: number): number {
  return Math.floor(slice / t.slicesPerNode);
}

/** The slice holding a node's copy of a DISTSTYLE ALL table: the node's first slice. */
export function allCopySlice(t: Topology, slice: number): number {
  return nodeOfSlice(t, slice) * t.slicesPerNode;
}
