/**
 * The scalar function and operator registry: resolution by name and argument types (plan/), and
 * implementations by id (exec/, on any thread). Importing this module registers every function.
 */
import type { SqlType } from './datatype.js';
import type { ResolvedFunction } from './operators.js';
import { resolveOverload } from './signatures.js';
import './fn-numeric.js';
import './fn-string.js';
import './fn-text.js';
import './fn-misc.js';
import './fn-date.js';
import './fn-datepart.js';
import './fn-timezone.js';
import './fn-format.js';
import './fn-pattern.js';
import './fn-regexp.js';
import './fn-hash.js';
import './fn-json.js';
import './fn-subquery.js';
import './fn-array.js';
import './fn-catalog.js';

export type { ResolvedFunction } from './operators.js';
export { resolveOperator } from './operators.js';
export { getImplementation } from './registry.js';

/**
 * Resolve a scalar function by name and argument types. Throws 42883 `function f(int4) does not exist`.
 * `constants` (optional): the values of arguments that are constants, undefined for the others; a
 * few result types depend on them (TO_NUMBER's scale is its format's fraction digits).
 */
export function resolveFunction(name: string, argTypes: readonly SqlType[], constants?: readonly unknown[]): ResolvedFunction {
  return resolveOverload(name.toLowerCase(), argTypes, constants);
}
