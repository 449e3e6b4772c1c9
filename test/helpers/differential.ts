/**
 * A suite of queries run on a 2 x 2 Slicewise cluster and on DuckDB, both holding the TICKIT tables,
 * each compared row by row (test/helpers/compare.ts). `more` adds tests that use the same cluster.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import type { DifferentialCase } from '../tickit-cases.js';
import { canonSlicewise, diffResults } from './compare.js';
import { DuckReference } from './duckdb.js';
import { createTickit } from './tickit.js';

export function describeTickitDifferential(title: string, cases: readonly DifferentialCase[], more?: (cluster: () => Cluster) => void): void {
  describe(title, () => {
    let cluster: Cluster;
    let reference: DuckReference;

    beforeAll(async () => {
      cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
      await createTickit(cluster);
      reference = await DuckReference.open();
    }, 120_000);

    afterAll(async () => {
      reference?.close();
      await cluster?.close();
    });

    for (const c of cases) {
      test(c.name, async () => {
        const actual = await cluster.query(c.sql);
        const expected = await reference.query(c.duck ?? c.sql);
        expect(actual.command).toBe('SELECT');
        expect(actual.rowCount).toBe(actual.rows.length);
        expect(actual.fields.length, 'column count').toBe(expected.columns.length);
        const diff = diffResults(canonSlicewise(actual), expected.rows, { ordered: c.ordered ?? false });
        expect(diff, `${c.sql}\n${diff}`).toBeNull();
      });
    }

    more?.(() => cluster);
  });
}
