/**
 * The scalar function and operator registry: resolution by name and argument types (plan/), and
 * implementations by id (exec/, on any thread). Importing this module registers every function.
 */
import type { SqlType } from './datatype.js';
import type { ResolvedFunction } from './operators.js';
import { resolveOverload } from './signatures.js';
import './fn-numeric.js';
import './fn-string.js';
import './fn-misc.js';

export type { ResolvedFunction } from './operators.js';
export { resolveOperator } from './operators.js';
export { getImplementation } from './registry.js';

/** Resolve a scalar function by name and argument types. Throws 42883 `function f(int4) does not exist`. */
export function resolveFunction(name: string, argTypes: readonly SqlType[]): ResolvedFunction {
  return resolveOverload(name.toLowerCase(), argTypes);
}
