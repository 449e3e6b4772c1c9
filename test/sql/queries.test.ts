import { describe, expect, it } from 'vitest';
import { parse, type FromItem, type Query } from '../../src/sql/index.js';
import { errorOf, queryOf, selectOf } from './helpers.js';

/** A compact rendering of a set-operation tree: leaves are the first select item's text. */
function shape(q: Query): string {
  switch (q.kind) {
    case 'select': {
      const e = q.items[0]?.expr;
      return e?.kind === 'column' ? e.name : e?.kind === 'literal' ? String(e.value) : '?';
    }
    case 'values': return 'values';
    case 'setop': return `(${shape(q.left)} ${q.op}${q.all ? ' all' : ''} ${shape(q.right)})`;
  }
}

function fromShape(f: FromItem): string {
  switch (f.kind) {
    case 'table': return f.name.name + (f.alias ? ` ${f.alias}` : '');
    case 'subqueryRef': return `(subquery)${f.alias ? ` ${f.alias}` : ''}`;
    case 'functionRef': return `${f.func.name}()${f.alias ? ` ${f.alias}` : ''}`;
    case 'join': return `[${fromShape(f.left)} ${f.natural ? 'natural ' : ''}${f.type} ${fromShape(f.right)}${f.on ? ' on' : ''}${f.using ? ` using ${f.using.join(',')}` : ''}]`;
  }
}

describe('select', () => {
  it('reads every clause', () => {
    const s = selectOf(`select distinct top 5 a, b as bee, c cee, t.*, * into temp newt from t
      where a > 1 group by a, 2 having count(*) > 1 qualify row_number() over (order by a) = 1`);
    expect(s.distinct).toBe(true);
    expect(s.top).toMatchObject({ kind: 'literal', value: '5' });
    expect(s.items.map((i) => i.alias)).toEqual([undefined, 'bee', 'cee', undefined, undefined]);
    expect(s.items[3]?.expr).toEqual({ kind: 'star', pos: 42, qualifier: ['t'] });
    expect(s.items[4]?.expr).toEqual({ kind: 'star', pos: 47, qualifier: [] });
    expect(s.into).toMatchObject({ temp: true, table: { name: 'newt' } });
    expect(s.where).toMatchObject({ kind: 'binary', op: '>' });
    expect(s.groupBy?.items).toMatchObject([{ kind: 'expr', expr: { name: 'a' } }, { kind: 'expr', expr: { value: '2' } }]);
    expect(s.having).toMatchObject({ op: '>' });
    expect(s.qualify).toMatchObject({ op: '=' });
  });

  it('select into a # table is temporary', () => {
    expect(selectOf('select * into #t from u').into).toMatchObject({ temp: true, table: { name: '#t' } });
    expect(selectOf('select * into t from u').into).toMatchObject({ temp: false });
  });

  it('ORDER BY, LIMIT, OFFSET', () => {
    const s = selectOf('select a from t order by a desc nulls last, b limit 10 offset 5');
    expect(s.orderBy).toMatchObject([{ direction: 'desc', nulls: 'last' }, { direction: 'asc' }]);
    expect(s.limit).toMatchObject({ value: '10' });
    expect(s.offset).toMatchObject({ value: '5' });
    expect(selectOf('select a from t offset 2 limit 1').limit).toMatchObject({ value: '1' });
    expect(selectOf('select a from t limit all').limit).toBeUndefined();
  });

  it('accepts non-reserved keywords as names and aliases', () => {
    const s = selectOf('select year, month, day, name, value, type, text, first, last, key, position, date from date');
    expect(s.items.map((i) => (i.expr.kind === 'column' ? i.expr.name : ''))).toEqual([
      'year', 'month', 'day', 'name', 'value', 'type', 'text', 'first', 'last', 'key', 'position', 'date',
    ]);
    expect(s.from[0]).toMatchObject({ kind: 'table', name: { name: 'date' } });
    expect(selectOf('select a name from t').items[0]?.alias).toBe('name');
    expect(selectOf('select a as select from t').items[0]?.alias).toBe('select');
    expect(selectOf('select "from" from "Order"').from[0]).toMatchObject({ name: { name: 'order' } });
  });

  it('GROUP BY ROLLUP, CUBE, GROUPING SETS', () => {
    const s = selectOf('select 1 from t group by rollup (a, b), cube(c), grouping sets ((a, b), (a), (), c)');
    expect(s.groupBy).toMatchObject({
      kind: 'groupBy', pos: 16,
      items: [
        { kind: 'rollup', exprs: [{ name: 'a' }, { name: 'b' }], pos: 25 },
        { kind: 'cube', exprs: [{ name: 'c' }] },
        { kind: 'groupingSets', sets: [[{ name: 'a' }, { name: 'b' }], [{ name: 'a' }], [], [{ name: 'c' }]] },
      ],
    });
    expect(selectOf('select rollup from t group by rollup').groupBy?.items[0]).toMatchObject({ kind: 'expr' });
  });

  it('a select without FROM', () => {
    expect(selectOf('select 1').from).toEqual([]);
  });
});

describe('set operations', () => {
  it.each([
    ['select a union select b union all select c', '((a union b) union all c)'],
    ['select a union select b intersect select c', '(a union (b intersect c))'],
    ['select a intersect select b except select c', '((a intersect b) except c)'],
    ['select a minus select b', '(a except b)'],
    ['(select a union select b) intersect select c', '((a union b) intersect c)'],
    ['select a except all select b', '(a except all b)'],
  ])('%s', (sql, expected) => {
    expect(shape(queryOf(sql))).toBe(expected);
  });

  it('ORDER BY and LIMIT after a set operation apply to it', () => {
    const q = queryOf('select a from t union select b from u order by 1 limit 3');
    expect(q).toMatchObject({ kind: 'setop', orderBy: [{ expr: { value: '1' } }], limit: { value: '3' } });
    if (q.kind !== 'setop') throw new Error();
    expect(q.right).toMatchObject({ kind: 'select', orderBy: [] });
    expect(q.right.limit).toBeUndefined();
  });

  it('parenthesized members keep their own ORDER BY / LIMIT', () => {
    const q = queryOf('(select a from t order by a limit 1) union all (select b from u limit 2) order by 1');
    expect(q).toMatchObject({
      kind: 'setop', all: true, pos: 0, orderBy: [{}],
      left: { kind: 'select', limit: { value: '1' }, orderBy: [{}] }, right: { limit: { value: '2' } },
    });
  });

  it('rejects a second LIMIT on a parenthesized query', () => {
    const error = errorOf(() => queryOf('(select 1 limit 1) limit 2'));
    expect(error.message).toBe('multiple LIMIT clauses not allowed');
    expect(error.position).toBe(19);
  });

  it('VALUES as a query', () => {
    expect(queryOf("values (1, 'a'), (2, 'b') order by 1")).toMatchObject({
      kind: 'values', pos: 0, rows: [[{ value: '1' }, { value: 'a' }], [{}, {}]], orderBy: [{}],
    });
    expect(shape(queryOf('select 1 union values (2)'))).toBe('(1 union values)');
  });
});

describe('WITH', () => {
  it('attaches the clause to the query', () => {
    const q = queryOf('with a (x) as (select 1), b as (select * from a) select * from b');
    expect(q).toMatchObject({
      kind: 'select', pos: 0,
      with: { kind: 'with', pos: 0, recursive: false, ctes: [{ kind: 'cte', name: 'a', columns: ['x'], pos: 5 }, { name: 'b' }] },
    });
  });

  it('WITH RECURSIVE over a set operation', () => {
    const q = queryOf('with recursive r(n) as (select 1 union all select n + 1 from r where n < 10) select n from r union select 0');
    expect(q).toMatchObject({ kind: 'setop', with: { recursive: true, ctes: [{ query: { kind: 'setop', all: true } }] } });
  });

  it('rejects a WITH on VALUES', () => {
    expect(errorOf(() => queryOf('with a as (select 1) values (1)')).message).toBe('syntax error at or near "values"');
  });
});

describe('FROM', () => {
  it.each([
    ['select 1 from a, b c, d as e', ['a', 'b c', 'd e']],
    ['select 1 from a join b on a.x = b.x', ['[a inner b on]']],
    ['select 1 from a inner join b using (x, y)', ['[a inner b using x,y]']],
    ['select 1 from a left outer join b on true right join c on true', ['[[a left b on] right c on]']],
    ['select 1 from a full join b on true cross join c', ['[[a full b on] cross c]']],
    ['select 1 from a natural join b natural left join c', ['[[a natural inner b] natural left c]']],
    ['select 1 from a join (b join c on true) on true', ['[a inner [b inner c on] on]']],
    ['select 1 from (a join b on true), c', ['[a inner b on]', 'c']],
    ['select 1 from (select 1) as s, (select 2) t', ['(subquery) s', '(subquery) t']],
    ['select 1 from generate_series(1, 10) as g(n)', ['generate_series() g']],
    ['select 1 from ((select 1) union (select 2)) u', ['(subquery) u']],
  ])('%s', (sql, expected) => {
    expect(selectOf(sql).from.map(fromShape)).toEqual(expected);
  });

  it('derived-table and function column aliases, qualified names', () => {
    const s = selectOf('select 1 from (select 1, 2) as a(c1, c2), s.t x, f(1) g(n)');
    expect(s.from).toMatchObject([
      { kind: 'subqueryRef', pos: 14, alias: 'a', columnAliases: ['c1', 'c2'] },
      { kind: 'table', name: { schema: 's', name: 't' }, alias: 'x' },
      { kind: 'functionRef', func: { name: 'f', args: [{ value: '1' }] }, alias: 'g', columnAliases: ['n'] },
    ]);
  });

  it('a column definition list for a function returning records: after an alias, or after AS alone', () => {
    const s = selectOf('select 1 from f() cols(a name, b varchar(20), n int), g() as (x date), h() as h2(k)');
    expect(s.from).toMatchObject([
      { kind: 'functionRef', alias: 'cols', columnDefinitions: [{ name: 'a', type: { name: 'name' } }, { name: 'b', type: { name: 'varchar', args: [20] } }, { name: 'n', type: { name: 'int' } }] },
      { kind: 'functionRef', columnDefinitions: [{ name: 'x', type: { name: 'date' } }] },
      { kind: 'functionRef', alias: 'h2', columnAliases: ['k'] },
    ]);
    expect(s.from[1]).not.toHaveProperty('alias');
    expect(s.from[2]).not.toHaveProperty('columnDefinitions');
    expect(errorOf(() => selectOf('select 1 from f() c(a int, b)')).message).toBe('syntax error at or near ")"');
  });

  it('join positions', () => {
    const s = selectOf('select 1 from a join b on true');
    expect(s.from[0]).toMatchObject({ kind: 'join', pos: 14, left: { pos: 14 }, right: { pos: 21 }, on: { pos: 26 } });
  });

  it('a JOIN needs ON or USING', () => {
    expect(errorOf(() => selectOf('select 1 from a join b where x')).message).toBe('syntax error at or near "where"');
  });
});

describe('parse()', () => {
  it('returns each statement with its text and offset', () => {
    const sql = '  select 1;; select 2 ;\n-- done\n';
    const statements = parse(sql);
    expect(statements.map((s) => [s.text, s.start])).toEqual([['select 1', 2], ['select 2', 13]]);
    expect(statements[1]?.statement).toMatchObject({ kind: 'query', pos: 13, query: { items: [{ pos: 20 }] } });
    expect(parse('  ;  ')).toEqual([]);
  });
});
