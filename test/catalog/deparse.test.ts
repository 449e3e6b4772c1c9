/** The deparser behind pg_attrdef.adsrc: rendered expressions parse back to the same AST. */
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/sql/index.js';
import { deparseExpr } from '../../src/sql/deparse.js';

function withoutPositions(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}

const EXPRESSIONS = [
  "'N'",
  "'it''s'",
  '7 + 1',
  '(1 + 2) * 3',
  '1 - (2 - 3)',
  '-(-1)',
  'NOT (a AND b) OR c',
  "CAST(x AS varchar(10)) || 'y'",
  'x::numeric(8,2)',
  'CONVERT(integer, x)',
  'CASE WHEN a > 1 THEN 1 ELSE 0 END',
  "CASE a WHEN 1 THEN 'one' END",
  'a BETWEEN 1 AND 10',
  'a NOT IN (1, 2, 3)',
  "name NOT LIKE '%pkey' ESCAPE '!'",
  "name ILIKE 'a%'",
  'x IS NOT NULL',
  'flag IS NOT TRUE',
  'EXTRACT(year FROM d)',
  "INTERVAL '1 day'",
  "DATE '2008-01-01'",
  'getdate()',
  'sysdate',
  'coalesce(a, b, 0)',
  'count(DISTINCT x)',
  "position('a' IN s)",
  'substring(s FROM 2 FOR 3)',
  '"select" + "Mixed Case"',
  't.a = s.t.b',
  'a IN (SELECT b FROM t WHERE c = 1)',
  'EXISTS (SELECT 1 FROM t AS x JOIN u ON x.id = u.id)',
  'EXISTS (SELECT 1 FROM pg_get_late_binding_view_cols() AS cols(s name, n varchar(20)))',
  'EXISTS (SELECT 1 FROM f() AS (k int))',
  'sum(x) OVER (PARTITION BY a ORDER BY b DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
  '$1 + 1',
];

describe('deparseExpr', () => {
  for (const text of EXPRESSIONS) {
    it(`round-trips ${text}`, () => {
      const ast = parseExpression(text);
      const rendered = deparseExpr(ast);
      expect(withoutPositions(parseExpression(rendered))).toEqual(withoutPositions(ast));
    });
  }

  it('quotes identifiers that need it and escapes string quotes', () => {
    expect(deparseExpr(parseExpression('"select" || \'it\'\'s\''))).toBe('"select" || \'it\'\'s\'');
    expect(deparseExpr(parseExpression('a+b*c'))).toBe('a + (b * c)');
  });
});
