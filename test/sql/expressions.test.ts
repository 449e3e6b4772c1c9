import { describe, expect, it } from 'vitest';
import { parseExpression, type Expr } from '../../src/sql/index.js';
import { errorOf, selectOf } from './helpers.js';

/** A fully parenthesized rendering of the tree, to check precedence and associativity. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'column': return [...e.qualifier, e.name].join('.');
    case 'literal': return e.type === 'string' ? `'${String(e.value)}'` : String(e.value);
    case 'param': return `$${e.index}`;
    case 'star': return [...e.qualifier, '*'].join('.');
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'func': return `${e.name}(${e.args.map(show).join(', ')})`;
    case 'cast': return `cast(${show(e.expr)} as ${e.type.name}${e.type.args.length ? `(${e.type.args.join(',')})` : ''})`;
    case 'between': return `(${show(e.expr)} ${e.not ? 'not ' : ''}between ${show(e.low)} and ${show(e.high)})`;
    case 'like': return `(${show(e.expr)} ${e.not ? 'not ' : ''}${e.op === 'similar' ? 'similar to' : e.op} ${show(e.pattern)}${e.escape ? ` escape ${show(e.escape)}` : ''})`;
    case 'inList': return `(${show(e.expr)} ${e.not ? 'not ' : ''}in [${e.list.map(show).join(', ')}])`;
    case 'isNull': return `(${show(e.expr)} is ${e.not ? 'not ' : ''}null)`;
    case 'isBool': return `(${show(e.expr)} is ${e.not ? 'not ' : ''}${e.value})`;
    case 'interval': return `interval '${e.value}'${e.unit ? ` ${e.unit}` : ''}`;
    case 'typedLiteral': return `${e.type.name} '${e.value}'`;
    case 'extract': return `extract(${e.part} from ${show(e.expr)})`;
    case 'case': return `case${e.operand ? ` ${show(e.operand)}` : ''}${e.whens.map((w) => ` when ${show(w.when)} then ${show(w.then)}`).join('')}${e.else ? ` else ${show(e.else)}` : ''} end`;
    default: return e.kind;
  }
}

const p = (sql: string): string => show(parseExpression(sql));

describe('operator precedence (PostgreSQL)', () => {
  it.each([
    ['a or b and c', '(a or (b and c))'],
    ['not a and b', '((not a) and b)'],
    ['not a = b', '(not (a = b))'],
    ['a = b is null', '((a = b) is null)'],
    ['a < b + c * d', '(a < (b + (c * d)))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b * c % d', '(((a / b) * c) % d)'],
    ['a * b ^ c', '(a * (b ^ c))'],
    ['a ^ b ^ c', '((a ^ b) ^ c)'],
    ['-a ^ 2', '((- a) ^ 2)'],
    ['-2 ^ 2', '(-2 ^ 2)'],
    ['-x::int', '(- cast(x as int))'],
    ['- -1', '1'],
    ['a || b = c', '((a || b) = c)'],
    ["a || 'x' like b", "((a || 'x') like b)"],
    ['a + b || c', '((a + b) || c)'],
    ['a ~ b and c !~* d', '((a ~ b) and (c !~* d))'],
    ['a & b | c # d << 1', '((((a & b) | c) # d) << 1)'],
    ['~a + b', '((~ a) + b)'],
    ['a between 1 and 2 and b', '((a between 1 and 2) and b)'],
    ['a between b + 1 and c * 2', '(a between (b + 1) and (c * 2))'],
    ['a not between 1 and 2', '(a not between 1 and 2)'],
    ['a in (1, 2) = true', '((a in [1, 2]) = true)'],
    ['x not in (1)', '(x not in [1])'],
    ["x not like 'a%' escape '!'", "(x not like 'a%' escape '!')"],
    ["x ilike 'a'", "(x ilike 'a')"],
    ["x not similar to 'a'", "(x not similar to 'a')"],
    ['a != b', '(a <> b)'],
    ['a isnull or b notnull', '((a is null) or (b is not null))'],
    ['a is not true and b is unknown', '((a is not true) and (b is unknown))'],
    ['x is false', '(x is false)'],
    ['(a or b) and c', '((a or b) and c)'],
    ['t.a + s.t.b', '(t.a + s.t.b)'],
    ['$1 + 1', '($1 + 1)'],
  ])('%s', (sql, expected) => {
    expect(p(sql)).toBe(expected);
  });

  it('keeps comparisons non-associative', () => {
    expect(errorOf(() => parseExpression('a = b = c')).message).toBe('syntax error at or near "="');
  });
});

describe('literals', () => {
  it('reads constants', () => {
    expect(parseExpression("'x'")).toEqual({ kind: 'literal', pos: 0, type: 'string', value: 'x' });
    expect(parseExpression('1.5e3')).toEqual({ kind: 'literal', pos: 0, type: 'number', value: '1.5e3' });
    expect(parseExpression('-42')).toEqual({ kind: 'literal', pos: 0, type: 'number', value: '-42' });
    expect(parseExpression('true')).toEqual({ kind: 'literal', pos: 0, type: 'boolean', value: true });
    expect(parseExpression('NULL')).toEqual({ kind: 'literal', pos: 0, type: 'null', value: null });
  });

  it('reads typed literals and intervals', () => {
    expect(parseExpression("date '2008-01-01'")).toEqual({
      kind: 'typedLiteral', pos: 0, type: { kind: 'type', pos: 0, name: 'date', args: [] }, value: '2008-01-01',
    });
    expect(p("timestamp '2008-01-01 10:00'")).toBe("timestamp '2008-01-01 10:00'");
    expect(p("timestamptz '2008-01-01 10:00+02'")).toBe("timestamptz '2008-01-01 10:00+02'");
    expect(p("time '10:00'")).toBe("time '10:00'");
    expect(p("timestamp with time zone 'x'")).toBe("timestamp with time zone 'x'");
    expect(parseExpression("interval '90 day'")).toEqual({ kind: 'interval', pos: 0, value: '90 day', unit: undefined });
    expect(p("interval '2' HOUR")).toBe("interval '2' hour");
    expect(p("interval '1-2' year to month")).toBe("interval '1-2' year to month");
    expect(p("date '1998-12-01' - interval '90 day'")).toBe("(date '1998-12-01' - interval '90 day')");
  });

  it('treats type words without a following string as names', () => {
    expect(p('date + 1')).toBe('(date + 1)');
    expect(p('interval')).toBe('interval');
    expect(p('timestamp')).toBe('timestamp');
  });
});

describe('special syntax', () => {
  it('casts', () => {
    expect(p('cast(x as varchar(10))')).toBe('cast(x as varchar(10))');
    expect(p('x::numeric(8,2)')).toBe('cast(x as numeric(8,2))');
    expect(p('x::int::text')).toBe('cast(cast(x as int) as text)');
    expect(parseExpression('convert(int, x)')).toMatchObject({ kind: 'cast', syntax: 'convert', pos: 0, expr: { name: 'x' } });
    expect(parseExpression('x::int')).toMatchObject({ kind: 'cast', syntax: 'colons', pos: 0 });
  });

  it('reads multi-word and parameterized type names', () => {
    const typeOf = (sql: string) => {
      const e = parseExpression(`cast(x as ${sql})`);
      return e.kind === 'cast' ? [e.type.name, ...e.type.args] : [];
    };
    expect(typeOf('double precision')).toEqual(['double precision']);
    expect(typeOf('character varying(30)')).toEqual(['character varying', 30]);
    expect(typeOf('varchar(max)')).toEqual(['varchar', 'max']);
    expect(typeOf('char(max)')).toEqual(['char', 'max']);
    expect(typeOf('timestamp without time zone')).toEqual(['timestamp without time zone']);
    expect(typeOf('timestamp(3) with time zone')).toEqual(['timestamp with time zone', 3]);
    expect(typeOf('time')).toEqual(['time']);
    expect(typeOf('INT4')).toEqual(['int4']);
    expect(typeOf('super')).toEqual(['super']);
    expect(typeOf('binary varying(10)')).toEqual(['binary varying', 10]);
  });

  it('case, extract, position, substring, trim', () => {
    expect(p('case when a then 1 when b then 2 else 3 end')).toBe('case when a then 1 when b then 2 else 3 end');
    expect(p("case x when 1 then 'a' end")).toBe("case x when 1 then 'a' end");
    expect(p('extract(year from o_orderdate)')).toBe('extract(year from o_orderdate)');
    expect(p("extract('EPOCH' from t)")).toBe('extract(epoch from t)');
    expect(p("position('a' in s)")).toBe("position('a', s)");
    expect(p('substring(c_phone from 1 for 2)')).toBe('substring(c_phone, 1, 2)');
    expect(p('substring(s from 3)')).toBe('substring(s, 3)');
    expect(p('substring(s, 1, 2)')).toBe('substring(s, 1, 2)');
    expect(p("trim(both 'x' from s)")).toBe("btrim(s, 'x')");
    expect(p('trim(leading from s)')).toBe('ltrim(s)');
    expect(p("trim(trailing ' ' from s)")).toBe("rtrim(s, ' ')");
    expect(p("trim('x' from s)")).toBe("btrim(s, 'x')");
    expect(p('trim(s)')).toBe('btrim(s)');
  });

  it('AT TIME ZONE becomes timezone(zone, expr)', () => {
    expect(p("ts at time zone 'UTC' + interval '1 hour'")).toBe("(timezone('UTC', ts) + interval '1 hour')");
  });

  it('subqueries', () => {
    expect(parseExpression('exists (select 1)')).toMatchObject({ kind: 'exists', pos: 0, not: false, query: { kind: 'select' } });
    expect(parseExpression('not exists (select 1)')).toMatchObject({ kind: 'unary', op: 'not', operand: { kind: 'exists' } });
    expect(parseExpression('(select max(a) from t) + 1')).toMatchObject({ kind: 'binary', left: { kind: 'subquery', pos: 0 } });
    expect(parseExpression('x in (select a from t)')).toMatchObject({ kind: 'inSubquery', not: false });
    expect(parseExpression('x not in (select a from t union select b from u)')).toMatchObject({ kind: 'inSubquery', not: true, query: { kind: 'setop' } });
  });
});

describe('function calls', () => {
  it('plain, qualified, star, distinct', () => {
    expect(parseExpression('count(*)')).toEqual({
      kind: 'func', pos: 0, name: 'count', schema: undefined, args: [{ kind: 'star', pos: 6, qualifier: [] }],
      distinct: false, approximate: false, withinGroup: undefined, over: undefined, nulls: undefined,
    });
    expect(parseExpression('count(distinct x)')).toMatchObject({ distinct: true, args: [{ name: 'x' }] });
    expect(parseExpression('sum(all x)')).toMatchObject({ distinct: false });
    expect(parseExpression('pg_catalog.lower(x)')).toMatchObject({ name: 'lower', schema: 'pg_catalog' });
    expect(parseExpression('getdate()')).toMatchObject({ name: 'getdate', args: [] });
    expect(parseExpression("left('abc', 2)")).toMatchObject({ kind: 'func', name: 'left' });
    expect(parseExpression('APPROXIMATE COUNT(DISTINCT x)')).toMatchObject({ name: 'count', approximate: true, distinct: true, pos: 0 });
  });

  it('no-paren functions', () => {
    for (const name of ['current_date', 'current_time', 'current_timestamp', 'localtimestamp', 'sysdate', 'current_user', 'session_user', 'user', 'current_schema']) {
      expect(parseExpression(name.toUpperCase())).toEqual({ kind: 'func', pos: 0, name, args: [], distinct: false, approximate: false, noParens: true });
    }
    const call = parseExpression('current_schema()');
    expect(call).toMatchObject({ kind: 'func', name: 'current_schema', args: [] });
    expect(call.kind === 'func' && call.noParens).toBeFalsy();
  });

  it('within group, ignore nulls, over', () => {
    expect(parseExpression("listagg(x, ',') within group (order by y desc)")).toMatchObject({
      name: 'listagg', withinGroup: [{ kind: 'orderItem', direction: 'desc', expr: { name: 'y' } }],
    });
    expect(parseExpression('percentile_cont(0.5) within group (order by x) over (partition by g)')).toMatchObject({
      withinGroup: [{ direction: 'asc' }], over: { partitionBy: [{ name: 'g' }], orderBy: [] },
    });
    expect(parseExpression('first_value(x ignore nulls) over (order by y)')).toMatchObject({ nulls: 'ignore' });
    expect(parseExpression('lag(x, 2) respect nulls over (order by y)')).toMatchObject({ nulls: 'respect', args: [{}, {}] });
    const f = parseExpression('sum(x) over (partition by a, b order by c nulls first rows between 3 preceding and unbounded following)');
    expect(f).toMatchObject({
      over: {
        kind: 'window', pos: 7, partitionBy: [{ name: 'a' }, { name: 'b' }], orderBy: [{ nulls: 'first' }],
        frame: { units: 'rows', start: { kind: 'preceding', offset: { value: '3' } }, end: { kind: 'unboundedFollowing' } },
      },
    });
    const short = parseExpression('count(*) over (order by c rows unbounded preceding)');
    expect(short.kind === 'func' && short.over?.frame).toEqual({ units: 'rows', start: { kind: 'unboundedPreceding' } });
    expect(parseExpression('avg(x) over (range between current row and 2 following)')).toMatchObject({
      over: { frame: { units: 'range', start: { kind: 'currentRow' }, end: { kind: 'following' } } },
    });
    expect(parseExpression('row_number() over ()')).toMatchObject({ over: { partitionBy: [], orderBy: [] } });
  });
});

describe('positions', () => {
  it('every node starts where its text starts', () => {
    const select = selectOf('select  a.b + 2 * f(x)  from t');
    const item = select.items[0];
    expect(item?.pos).toBe(8);
    expect(item?.expr).toMatchObject({
      kind: 'binary', pos: 8, left: { kind: 'column', pos: 8 },
      right: { kind: 'binary', pos: 14, left: { pos: 14 }, right: { kind: 'func', pos: 18, args: [{ pos: 20 }] } },
    });
    expect(select.from[0]).toMatchObject({ pos: 29, name: { pos: 29 } });
  });
});
