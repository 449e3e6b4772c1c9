/**
 * SLICE_NUM() (dg:r_SLICE_NUM.md): the slice a row is on. Every slice runs the same fragment, so the
 * leader puts the slice's number in place of each call in that slice's copy of the fragment — only
 * for fragments that call it.
 */
import type { Fragment } from '../exec/spec.js';
import { INTEGER, SLICE_NUM_ID } from '../types/index.js';

/** Whether the fragment calls SLICE_NUM(): replacing the calls changes its tree (which is copied only where it changes). */
export function callsSliceNumber(fragment: Fragment): boolean {
  return withSliceNumber(fragment, 0).root !== fragment.root;
}

/** The fragment with each SLICE_NUM() call replaced by `slice` (the fragment itself when it calls none). */
export function withSliceNumber(fragment: Fragment, slice: number): Fragment {
  const root = visit(fragment.root, (node) => (isSliceNumberCall(node) ? { kind: 'const', value: slice, type: INTEGER } : node));
  return root === fragment.root ? fragment : { ...fragment, root: root as Fragment['root'] };
}

function isSliceNumberCall(node: object): boolean {
  const n = node as { readonly kind?: unknown; readonly id?: unknown };
  return n.kind === 'call' && n.id === SLICE_NUM_ID;
}

/**
 * The plan tree with `replace` applied to every object in it (innermost first), copied only where
 * something changed. A `rows` operator's batch is data, not plan: it is not entered.
 */
function visit(node: unknown, replace: (node: object) => object): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    const items = node.map((item) => visit(item, replace));
    return items.some((item, i) => item !== node[i]) ? items : node;
  }
  let changed: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'batch') continue;
    const next = visit(value, replace);
    if (next !== value) (changed ??= { ...node })[key] = next;
  }
  return replace(changed ?? node);
}
