/**
 * JSON text functions: JSON_EXTRACT_PATH_TEXT(json, key...[, null_if_invalid]),
 * JSON_EXTRACT_ARRAY_ELEMENT_TEXT(json, index[, null_if_invalid]), JSON_ARRAY_LENGTH(json[, null_if_invalid]),
 * IS_VALID_JSON (an object), IS_VALID_JSON_ARRAY. Invalid JSON is an error unless null_if_invalid is true.
 * As documented: a missing path gives NULL, an array index out of range gives ''.
 */
import { BOOLEAN, INTEGER, isStringType, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { InvalidJson, jsonText, parseJson, type JsonNode } from './json-text.js';
import { registerImplementation } from './registry.js';
import { defineCustom, defineFunction } from './signatures.js';
import { textTypeFor } from './text-conversion.js';

function jsonError(what: 'object' | 'array', text: string): SqlError {
  return new SqlError(SqlState.internalError, 'JSON parsing error', { detail: `invalid json ${what} ${text.length > 100 ? `${text.slice(0, 100)}...` : text}` });
}

/** The parsed document, or null for invalid JSON when `nullIfInvalid`. */
function parse(text: string, nullIfInvalid: boolean, what: 'object' | 'array'): JsonNode | null {
  try {
    return parseJson(text);
  } catch (e) {
    if (!(e instanceof InvalidJson)) throw e;
    if (nullIfInvalid) return null;
    throw jsonError(what, text);
  }
}

export function jsonExtractPathText(json: string, path: readonly string[], nullIfInvalid = false): string | null {
  let node = parse(json, nullIfInvalid, 'object');
  for (const key of path) {
    if (node?.kind !== 'object') return null;
    node = node.entries.get(key) ?? null;
  }
  return node ? jsonText(json, node) : null;
}

export function jsonExtractArrayElementText(json: string, index: number, nullIfInvalid = false): string | null {
  const root = parse(json, nullIfInvalid, 'array');
  if (!root) return null;
  if (root.kind !== 'array') {
    if (nullIfInvalid) return null;
    throw jsonError('array', json);
  }
  const item = index >= 0 ? root.items[index] : undefined;
  return item ? jsonText(json, item) : '';
}

export function jsonArrayLength(json: string, nullIfInvalid = false): number | null {
  const root = parse(json, nullIfInvalid, 'array');
  if (!root) return null;
  if (root.kind !== 'array') {
    if (nullIfInvalid) return null;
    throw jsonError('array', json);
  }
  return root.items.length;
}

function isValid(json: string, kind: 'object' | 'array'): boolean {
  try {
    return parseJson(json).kind === kind;
  } catch (e) {
    if (e instanceof InvalidJson) return false;
    throw e;
  }
}

const same = (args: readonly SqlType[]): SqlType => args[0]!;
const textLike = (t: SqlType): boolean => isStringType(t) || t.kind === 'unknown';

// JSON_EXTRACT_PATH_TEXT takes any number of keys, then optionally a boolean.
registerImplementation('json_extract_path_text', (json, ...rest) => {
  const last = rest[rest.length - 1];
  const nullIfInvalid = typeof last === 'boolean';
  const path = (nullIfInvalid ? rest.slice(0, -1) : rest) as string[];
  return jsonExtractPathText(json as string, path, nullIfInvalid && last);
});
defineCustom('json_extract_path_text', (args) => {
  const flag = args.length >= 3 && args[args.length - 1]!.kind === 'boolean';
  const texts = flag ? args.slice(0, -1) : args;
  if (texts.length < 2 || !texts.every(textLike)) return null;
  return { id: 'json_extract_path_text', type: textTypeFor(args[0]!), argTypes: [...texts.map(textTypeFor), ...(flag ? [BOOLEAN] : [])] };
});

defineFunction('json_extract_array_element_text', [
  { params: ['text', 'int4'], returns: same, fn: (j, i) => jsonExtractArrayElementText(j as string, i as number) },
  { params: ['text', 'int4', 'bool'], returns: same, fn: (j, i, n) => jsonExtractArrayElementText(j as string, i as number, n as boolean) },
]);

defineFunction('json_array_length', [
  { params: ['text'], returns: INTEGER, fn: (j) => jsonArrayLength(j as string) },
  { params: ['text', 'bool'], returns: INTEGER, fn: (j, n) => jsonArrayLength(j as string, n as boolean) },
]);

defineFunction('is_valid_json', [{ params: ['text'], returns: BOOLEAN, fn: (j) => isValid(j as string, 'object') }]);
defineFunction('is_valid_json_array', [{ params: ['text'], returns: BOOLEAN, fn: (j) => isValid(j as string, 'array') }]);
