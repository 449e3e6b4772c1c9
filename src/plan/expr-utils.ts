/** Walking bound expressions: which input columns they use, and remapping column indexes. */
import type { PExpr } from '../exec/spec.js';
import { assertNever } from '../types/index.js';

/** Structural identity of a bound expression (constants may be bigints, which JSON cannot write). */
export function pexprKey(e: unknown): string {
  return JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function referencedColumns(e: PExpr, out: number[] = []): number[] {
  switch (e.kind) {
    case 'col':
      out.push(e.index);
      break;
    case 'const':
      break;
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      e.args.forEach((a) => referencedColumns(a, out));
      break;
    case 'cast':
      referencedColumns(e.expr, out);
      break;
    case 'not':
    case 'isNull':
      referencedColumns(e.arg, out);
      break;
    case 'compare':
      referencedColumns(e.left, out);
      referencedColumns(e.right, out);
      break;
    case 'inList':
      referencedColumns(e.arg, out);
      e.list.forEach((a) => referencedColumns(a, out));
      break;
    case 'case':
      e.whens.forEach((w) => {
        referencedColumns(w.when, out);
        referencedColumns(w.then, out);
      });
      if (e.else) referencedColumns(e.else, out);
      break;
    default:
      assertNever(e);
  }
  return out;
}

/** `e` with its column indexes renumbered by `f`. */
export function mapColumns(e: PExpr, f: (index: number) => number): PExpr {
  return replaceColumns(e, (c) => ({ ...c, index: f(c.index) }));
}

/** `e` with every column reference replaced by `f(reference)` (e.g. by a constant). */
export function replaceColumns(e: PExpr, f: (col: Extract<PExpr, { kind: 'col' }>) => PExpr): PExpr {
  switch (e.kind) {
    case 'col':
      return f(e);
    case 'const':
      return e;
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      return { ...e, args: e.args.map((a) => replaceColumns(a, f)) };
    case 'cast':
      return { ...e, expr: replaceColumns(e.expr, f) };
    case 'not':
    case 'isNull':
      return { ...e, arg: replaceColumns(e.arg, f) };
    case 'compare':
      return { ...e, left: replaceColumns(e.left, f), right: replaceColumns(e.right, f) };
    case 'inList':
      return { ...e, arg: replaceColumns(e.arg, f), list: e.list.map((a) => replaceColumns(a, f)) };
    case 'case':
      return {
        ...e,
        whens: e.whens.map((w) => ({ when: replaceColumns(w.when, f), then: replaceColumns(w.then, f) })),
        else: e.else ? replaceColumns(e.else, f) : null,
      };
    default:
      return assertNever(e);
  }
}

/** Whether `f` holds for some node of the expression tree. */
export function anyNode(e: PExpr, f: (x: PExpr) => boolean): boolean {
  if (f(e)) return true;
  switch (e.kind) {
    case 'col':
    case 'const':
      return false;
    case 'call':
    case 'and':
    case 'or':
    case 'coalesce':
      return e.args.some((a) => anyNode(a, f));
    case 'cast':
      return anyNode(e.expr, f);
    case 'not':
    case 'isNull':
      return anyNode(e.arg, f);
    case 'compare':
      return anyNode(e.left, f) || anyNode(e.right, f);
    case 'inList':
      return anyNode(e.arg, f) || e.list.some((a) => anyNode(a, f));
    case 'case':
      return e.whens.some((w) => anyNode(w.when, f) || anyNode(w.then, f)) || (e.else !== null && anyNode(e.else, f));
    default:
      return assertNever(e);
  }
}

/** Function ids of volatile functions (a new value per evaluation) start with this. */
export const VOLATILE_ID_PREFIX = 'random';

/** Whether evaluating the expression twice may give different results (RANDOM). */
export function isVolatile(e: PExpr): boolean {
  return anyNode(e, (x) => x.kind === 'call' && x.id.startsWith(VOLATILE_ID_PREFIX));
}
