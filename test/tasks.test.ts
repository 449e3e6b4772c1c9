/**
 * Tasks reported by a query: one per slice for the scan fragment, each run by the compute node
 * that owns the slice (node = floor(slice / slicesPerNode)), on 2 x 2 and 3 x 2 clusters.
 */
import { describe, expect, test } from 'vitest';
import { Cluster, type TaskInfo } from '../src/index.js';
import { count } from './helpers/results.js';
import { loadTickitTable, tickitDdl } from './helpers/tickit.js';

function tasksByFragment(tasks: readonly TaskInfo[]): Map<number, TaskInfo[]> {
  const byFragment = new Map<number, TaskInfo[]>();
  for (const t of tasks) byFragment.set(t.fragment, [...(byFragment.get(t.fragment) ?? []), t]);
  return byFragment;
}

describe.each([
  { nodes: 2, slicesPerNode: 2 },
  { nodes: 3, slicesPerNode: 2 },
])('tasks on a $nodes x $slicesPerNode cluster', ({ nodes, slicesPerNode }) => {
  const slices = nodes * slicesPerNode;

  test('the scan fragment has one task per slice, each run by the node owning its slice', async () => {
    const cluster = await Cluster.start({ nodes, slicesPerNode });
    try {
      await cluster.query(tickitDdl('venue', { distribution: 'even' }));
      await loadTickitTable(cluster, 'venue');
      const r = await cluster.query('select count(*) from venue where venueseats > 0');
      expect(count(r)).toBe(57);

      const allSlices = Array.from({ length: slices }, (_, s) => s);
      const scanFragments = [...tasksByFragment(r.tasks).values()].filter(
        (tasks) => tasks.length === slices && [...tasks.map((t) => t.slice)].sort((a, b) => a - b).join() === allSlices.join(),
      );
      expect(scanFragments.length, JSON.stringify(r.tasks)).toBeGreaterThanOrEqual(1);

      for (const task of r.tasks) {
        expect(task.slice).toBeGreaterThanOrEqual(0);
        expect(task.slice).toBeLessThan(slices);
        expect(task.node, `node of slice ${task.slice}`).toBe(Math.floor(task.slice / slicesPerNode));
        expect(task.ranOnNode, `worker that ran slice ${task.slice}`).toBe(task.node);
      }
      const rowsScanned = scanFragments[0]!.reduce((sum, t) => sum + t.rows, 0);
      expect(rowsScanned).toBeGreaterThan(0);
    } finally {
      await cluster.close();
    }
  }, 60_000);
});
