/**
 * Differential test: the TICKIT queries of tickit-cases.ts on a 2 x 2 Slicewise cluster (tables
 * loaded with INSERT) and on DuckDB (loaded from the same files), compared row by row.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { canonSlicewise, diffResults } from './helpers/compare.js';
import { DuckReference } from './helpers/duckdb.js';
import { createTickit } from './helpers/tickit.js';
import { TICKIT_CASES } from './tickit-cases.js';

describe('TICKIT queries: Slicewise vs DuckDB', () => {
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

  for (const c of TICKIT_CASES) {
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
});
