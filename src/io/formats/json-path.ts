/**
 * The JSONPath expressions of a JSONPaths file (dg:copy-usage_notes-copy-from-json.md): `$` followed by
 * steps in bracket notation (`$['store']['book']`) or dot notation (`$.store.book`), not mixed; array
 * elements as `[n]` in either notation. No wildcards, filters or slices.
 */
import { SqlError, SqlState } from '../../types/errors.js';

export type JsonPathStep =
  /** An object member, by name (UTF-8 bytes, compared exactly). */
  | { readonly kind: 'key'; readonly key: Uint8Array }
  /** An array element (0-based). */
  | { readonly kind: 'index'; readonly index: number };

const encoder = new TextEncoder();

/** Parses one JSONPath expression; throws SqlError `Invalid JSONPath format: ...` when it is not one. */
export function parseJsonPath(path: string): JsonPathStep[] {
  const fail = (why: string): never => {
    throw new SqlError(SqlState.internalError, `Invalid JSONPath format: ${why}: ${path}`);
  };
  if (!path.startsWith('$')) fail("a path starts with '$'");
  const steps: JsonPathStep[] = [];
  let notation: 'dot' | 'bracket' | null = null;
  const use = (n: 'dot' | 'bracket'): void => {
    if (notation !== null && notation !== n) fail('bracket and dot notation cannot be mixed');
    notation = n;
  };
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      use('dot');
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      const name = path.slice(i + 1, j);
      // Dot notation names cannot hold quotes; '*' would be a wildcard, which Redshift does not support.
      if (name === '' || name.includes("'") || name.includes('*')) fail('invalid member name');
      steps.push({ kind: 'key', key: encoder.encode(name) });
      i = j;
    } else if (c === '[') {
      const quote = path[i + 1];
      if (quote === "'" || quote === '"') {
        use('bracket');
        const close = path.indexOf(`${quote}]`, i + 2);
        if (close < 0) fail('unterminated member name');
        steps.push({ kind: 'key', key: encoder.encode(path.slice(i + 2, close)) });
        i = close + 2;
      } else {
        const close = path.indexOf(']', i);
        const digits = close < 0 ? '' : path.slice(i + 1, close);
        if (!/^[0-9]+$/.test(digits)) fail('an array index is a non-negative integer');
        steps.push({ kind: 'index', index: Number(digits) });
        i = close + 1;
      }
    } else {
      fail(`unexpected '${c}'`);
    }
  }
  return steps;
}
