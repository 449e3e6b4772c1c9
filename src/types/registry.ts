/**
 * The implementation registry behind operator and function ids. An id is plain data (it travels to
 * worker threads inside plans), so it must name its implementation deterministically:
 * - fixed ids ('int4_add', 'upper(varchar)') map to one implementation;
 * - parametric ids carry the numbers the implementation needs after a colon, e.g.
 *   'numeric_div:8,2,5,0' (the DECIMAL operands' precision and scale); a factory registered for
 *   the part before the colon builds the implementation once, then it is cached.
 */
import { SqlError, SqlState } from './errors.js';

export type ScalarFn = (...args: unknown[]) => unknown;

export interface Implementation {
  readonly fn: ScalarFn;
  /** NULL in -> NULL out without calling `fn` (exec skips the call). */
  readonly strict: boolean;
}

const fixed = new Map<string, Implementation>();
const factories = new Map<string, (params: readonly number[]) => Implementation>();

export function registerImplementation(id: string, fn: ScalarFn, strict = true): void {
  if (fixed.has(id)) throw new Error(`implementation ${id} registered twice`);
  fixed.set(id, { fn, strict });
}

export function registerFactory(base: string, factory: (params: readonly number[]) => Implementation): void {
  if (factories.has(base)) throw new Error(`implementation factory ${base} registered twice`);
  factories.set(base, factory);
}

/** The id of a parametric implementation: `${base}:${params}`. */
export function parametricId(base: string, params: readonly number[]): string {
  return `${base}:${params.join(',')}`;
}

/** The implementation behind an id. `strict`: returns NULL when any argument is NULL (exec skips the call). */
export function getImplementation(id: string): Implementation {
  const found = fixed.get(id);
  if (found) return found;
  const colon = id.lastIndexOf(':');
  const factory = colon > 0 ? factories.get(id.slice(0, colon)) : undefined;
  if (!factory) throw new SqlError(SqlState.internalError, `no implementation for function id "${id}"`);
  const impl = factory(id.slice(colon + 1).split(',').map(Number));
  fixed.set(id, impl);
  return impl;
}
