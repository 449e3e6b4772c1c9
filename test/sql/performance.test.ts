import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/sql/index.js';
import { TPCH_QUERIES } from './tpch-queries.js';

/** Parsing is on the hot path of every statement: a 20-line query must take well under 0.1 ms. */
describe('parser speed', () => {
  it('parses a 20-line query in well under 0.1 ms after warm-up', () => {
    const sql = TPCH_QUERIES[6] as string; // Q7: 14 lines, derived table, extract, nested boolean logic
    const query = `${sql.slice(0, -1)}\n${'-- padding\n'.repeat(6)}`;
    for (let i = 0; i < 3000; i++) parseStatement(query);
    const runs = 3000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) parseStatement(query);
    const perQueryMs = (performance.now() - start) / runs;
    expect(perQueryMs).toBeLessThan(0.1);
  });
});
