/**
 * Scalar function signatures and overload resolution. A function is defined once with its
 * overloads (parameter type patterns, result type, implementation); defining it also registers the
 * implementations under deterministic ids: `name(param,...)`, plus `:p,s,...` for overloads whose
 * implementation depends on DECIMAL arguments' precision and scale.
 */
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL,
  REAL,
  SMALLINT,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  decimalType,
  type SqlType,
} from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { asDecimal, canCast } from './cast.js';
import type { ResolvedFunction } from './operators.js';
import { parametricId, registerFactory, registerImplementation, type ScalarFn } from './registry.js';
import { textTypeFor } from './text-conversion.js';
import { NO_FUNCTION_HINT, bareTypeName } from './type-errors.js';

/** Parameter type patterns. 'numeric' takes the argument's own DECIMAL(p,s); 'text' any string. */
export type Param = 'int2' | 'int4' | 'int8' | 'numeric' | 'float4' | 'float8' | 'text' | 'bool' | 'date' | 'timestamp' | 'timestamptz' | 'time' | 'interval';

interface OverloadShape {
  readonly params: readonly Param[];
  /** The result type, possibly computed from the resolved argument types. */
  readonly returns: SqlType | ((args: readonly SqlType[]) => SqlType);
  /** Default true: any NULL argument gives NULL without calling `fn`. */
  readonly strict?: boolean;
}

export type Overload = OverloadShape &
  (
    | { readonly parametric?: false; readonly fn: ScalarFn }
    /** The implementation depends on the DECIMAL arguments' precision and scale: `fn` builds it. */
    | { readonly parametric: true; readonly fn: (args: readonly SqlType[]) => ScalarFn }
  );

/**
 * Functions resolved by custom code (variadic or type-generic ones: nullif, concat, greatest).
 * `constants` holds the values of constant arguments where the caller knows them (undefined
 * otherwise), for result types that depend on a constant (TO_NUMBER's scale comes from its format).
 */
export type CustomResolver = (argTypes: readonly SqlType[], constants?: readonly unknown[]) => ResolvedFunction | null;

interface Definition {
  readonly canonical: string;
  readonly overloads: readonly Overload[];
}

const definitions = new Map<string, Definition>();
const customResolvers = new Map<string, CustomResolver>();

const PARAM_TYPE: Record<Param, SqlType> = {
  int2: SMALLINT, int4: INTEGER, int8: BIGINT, numeric: decimalType(38, 10), float4: REAL, float8: DOUBLE,
  text: textTypeFor({ kind: 'unknown' }), bool: BOOLEAN, date: DATE, timestamp: TIMESTAMP, timestamptz: TIMESTAMPTZ,
  time: TIME, interval: INTERVAL,
};

const PARAM_KIND: Record<Param, readonly SqlType['kind'][]> = {
  int2: ['smallint'], int4: ['integer'], int8: ['bigint'], numeric: ['decimal'], float4: ['real'], float8: ['double'],
  text: ['char', 'varchar'], bool: ['boolean'], date: ['date'], timestamp: ['timestamp'], timestamptz: ['timestamptz'],
  time: ['time'], interval: ['interval'],
};

/** How an argument's type id is written: 'text' as varchar (what it becomes), others as the pattern. */
function paramLabel(p: Param): string {
  return p === 'text' ? 'varchar' : p;
}

function baseId(canonical: string, params: readonly Param[]): string {
  return `${canonical}(${params.map(paramLabel).join(',')})`;
}

/** Rebuild the argument types of a parametric overload from the numbers in its id. */
function argTypesFromParams(params: readonly Param[], numbers: readonly number[]): SqlType[] {
  let i = 0;
  return params.map((p) => (p === 'numeric' ? decimalType(numbers[i++]!, numbers[i++]!) : PARAM_TYPE[p]));
}

/** Define a function (comma-separated aliases share one canonical name and its ids). */
export function defineFunction(names: string, overloads: readonly Overload[]): void {
  const all = names.split(',').map((n) => n.trim());
  const canonical = all[0]!;
  for (const o of overloads) {
    const id = baseId(canonical, o.params);
    const strict = o.strict ?? true;
    if (o.parametric) {
      const build = o.fn;
      registerFactory(id, (numbers) => ({ fn: build(argTypesFromParams(o.params, numbers)), strict }));
    } else registerImplementation(id, o.fn, strict);
  }
  for (const n of all) definitions.set(n, { canonical, overloads });
}

export function defineCustom(names: string, resolver: CustomResolver): void {
  for (const n of names.split(',')) customResolvers.set(n.trim(), resolver);
}

/** The type an argument is converted to for a parameter, and how good the match is (-1: none). */
function matchParam(arg: SqlType, p: Param): { type: SqlType; score: number } {
  if (PARAM_KIND[p].includes(arg.kind)) return { type: p === 'text' ? textTypeFor(arg) : p === 'numeric' ? arg : PARAM_TYPE[p], score: 2 };
  if (arg.kind === 'unknown') return { type: PARAM_TYPE[p], score: p === 'float8' || p === 'text' ? 1 : 0 };
  // Redshift converts dates and timestamps to text for string functions.
  if (p === 'text') {
    const datetime = arg.kind === 'date' || arg.kind === 'timestamp' || arg.kind === 'timestamptz' || arg.kind === 'time';
    return datetime ? { type: textTypeFor(arg), score: 0 } : { type: arg, score: -1 };
  }
  if (p === 'numeric') {
    const d = asDecimal(arg);
    return d ? { type: decimalType(d.precision, d.scale), score: 0 } : { type: arg, score: -1 };
  }
  return canCast(arg, PARAM_TYPE[p], 'implicit') ? { type: PARAM_TYPE[p], score: 0 } : { type: arg, score: -1 };
}

function signatureText(name: string, types: readonly SqlType[]): string {
  return `${name}(${types.map(bareTypeName).join(', ')})`;
}

function noFunction(name: string, argTypes: readonly SqlType[], def: Definition | undefined): SqlError {
  const expected = def?.overloads.map((o) => signatureText(name, o.params.map((p) => PARAM_TYPE[p]))).join(' or ');
  return new SqlError(SqlState.undefinedFunction, `function ${signatureText(name, argTypes)} does not exist`, {
    hint: NO_FUNCTION_HINT,
    ...(expected ? { detail: `Expected: ${expected}` } : {}),
  });
}

/** Best overload: all arguments convertible, highest total match score, first defined on ties. */
export function resolveOverload(name: string, argTypes: readonly SqlType[], constants?: readonly unknown[]): ResolvedFunction {
  const custom = customResolvers.get(name);
  if (custom) {
    const r = custom(argTypes, constants);
    if (r) return r;
    throw noFunction(name, argTypes, undefined);
  }
  const def = definitions.get(name);
  let best: { overload: Overload; types: SqlType[]; score: number } | null = null;
  for (const overload of def?.overloads ?? []) {
    if (overload.params.length !== argTypes.length) continue;
    const types: SqlType[] = [];
    let score = 0;
    for (let i = 0; i < argTypes.length && score >= 0; i++) {
      const m = matchParam(argTypes[i]!, overload.params[i]!);
      score = m.score < 0 ? -1 : score + m.score;
      types.push(m.type);
    }
    if (score >= 0 && (!best || score > best.score)) best = { overload, types, score };
  }
  if (!best || !def) throw noFunction(name, argTypes, def);
  const { overload, types } = best;
  const id = baseId(def.canonical, overload.params);
  const decimals = types.flatMap((t, i) => (overload.params[i] === 'numeric' && t.kind === 'decimal' ? [t.precision, t.scale] : []));
  return {
    id: overload.parametric ? parametricId(id, decimals) : id,
    type: typeof overload.returns === 'function' ? overload.returns(types) : overload.returns,
    argTypes: types,
  };
}
