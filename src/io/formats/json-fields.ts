/**
 * Turns one root-level JSON value into the record's fields, in `fieldNames` order (reference §1.4.1):
 * - 'auto': first-level keys of a root object matched to the field names exactly; 'auto ignorecase':
 *   matched ignoring ASCII case. Unknown keys are ignored. A root array is an error (arrays need a
 *   JSONPaths file).
 * - 'jsonpaths': one path per field. A path through a missing member (or a member of a non-object)
 *   gives NULL; an index into a non-array, or past its end, is Redshift's
 *   `Invalid JSONPath format: Not an array or index out of range.`
 * - A key given twice: the last one wins.
 * Values: strings unescaped (UTF-8), numbers as their source text, true/false as `true`/`false`,
 * null -> nulls[i] = 1 (so is a missing key), objects/arrays as JSON text (see JsonCursor.copyCompact).
 * Every value is written to the scratch buffer, which becomes the record's `bytes`.
 *
 * Both modes compile to one tree of steps (`auto` is one level of member names), so each record is
 * read once, whatever the number of fields: members and elements no path names are skipped.
 */
import type { DataFormat } from '../load-options.js';
import type { ByteBuffer } from './byte-buffer.js';
import { parseJsonPath } from './json-path.js';
import { copyStringBody, JsonCursor, JsonSyntaxError } from './json-value.js';
import type { ReusableRecord } from './reusable-record.js';

export const NOT_AN_ARRAY = 'Invalid JSONPath format: Not an array or index out of range.';

/** A JSONPath that does not resolve (a missing array element). */
export class JsonPathError extends Error {}

const QUOTE = 0x22;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LOWER_N = 0x6e;

const encoder = new TextEncoder();

/** A place in the JSON value that some paths go through or end at. */
interface PathNode {
  /** Fields whose path ends here. */
  readonly fields: number[];
  readonly members: { readonly key: Uint8Array; readonly node: PathNode }[];
  readonly elements: { readonly index: number; readonly node: PathNode }[];
  /** Where the next member search starts: objects usually list their keys in the same order. */
  nextMember: number;
}

function newNode(): PathNode {
  return { fields: [], members: [], elements: [], nextMember: 0 };
}

interface MemberName {
  bytes: Uint8Array;
  start: number;
  end: number;
}

export class JsonFieldExtractor {
  private readonly cursor = new JsonCursor();
  private readonly fieldCount: number;
  private readonly root = newNode();
  private readonly ignoreCase: boolean;
  private readonly rootMustBeObject: boolean;
  private readonly name: MemberName = { bytes: new Uint8Array(0), start: 0, end: 0 };
  /** Unescaped member names (names with escapes are rare). */
  private readonly nameScratch: ByteBuffer;
  private out!: ByteBuffer;
  private record!: ReusableRecord;

  constructor(format: Extract<DataFormat, { kind: 'json' }>, fieldNames: readonly string[], nameScratch: ByteBuffer) {
    this.fieldCount = fieldNames.length;
    this.nameScratch = nameScratch;
    this.ignoreCase = format.mode === 'auto ignorecase';
    this.rootMustBeObject = format.mode !== 'jsonpaths';
    if (format.mode === 'jsonpaths') {
      if (format.paths.length !== fieldNames.length) throw new Error(`${format.paths.length} JSONPath expressions for ${fieldNames.length} columns`);
      format.paths.forEach((path, field) => {
        let node = this.root;
        for (const step of parseJsonPath(path)) {
          if (step.kind === 'key') {
            let child = node.members.find((m) => sameBytes(m.key, step.key))?.node;
            if (child === undefined) node.members.push({ key: step.key, node: (child = newNode()) });
            node = child;
          } else {
            let child = node.elements.find((e) => e.index === step.index)?.node;
            if (child === undefined) node.elements.push({ index: step.index, node: (child = newNode()) });
            node = child;
          }
        }
        node.fields.push(field);
      });
    } else {
      fieldNames.forEach((name, field) => {
        const key = encoder.encode(this.ignoreCase ? name.toLowerCase() : name);
        const existing = this.root.members.find((m) => sameBytes(m.key, key));
        if (existing !== undefined) existing.node.fields.push(field);
        else this.root.members.push({ key, node: { ...newNode(), fields: [field] } });
      });
    }
  }

  /** Fills the record's fields from the root value buf[start, end). Throws JsonSyntaxError or JsonPathError. */
  extract(buf: Uint8Array, start: number, end: number, record: ReusableRecord, out: ByteBuffer): void {
    const n = this.fieldCount;
    record.reserve(n);
    for (let i = 0; i < n; i++) {
      record.nulls[i] = 1;
      record.starts[i] = record.ends[i] = 0;
    }
    this.out = out;
    this.record = record;
    const cursor = this.cursor;
    cursor.reset(buf, start, end);
    if (this.rootMustBeObject && cursor.peek() !== LBRACE) throw new JsonSyntaxError('a root-level array needs a JSONPaths file', start);
    this.walk(this.root, 0);
    cursor.skipWhitespace();
    if (cursor.pos !== end) cursor.fail('text after the value');
    record.fieldCount = n;
  }

  /** Reads the value at the cursor for `node`: fills the fields ending there, descends where paths go on. */
  private walk(node: PathNode, depth: number): void {
    const cursor = this.cursor;
    const start = cursor.pos;
    if (node.members.length === 0 && node.elements.length === 0) {
      this.copyValue(node.fields);
      return;
    }
    if (depth >= 1000) cursor.fail('nested too deeply');
    const first = cursor.peek();
    if (first === LBRACE) {
      if (node.elements.length > 0) throw new JsonPathError(NOT_AN_ARRAY);
      if (cursor.openObject()) {
        do {
          const child = this.memberNode(node, cursor.memberName());
          if (child !== null) this.walk(child, depth + 1);
          else cursor.skipValue(depth + 1);
        } while (cursor.nextItem(RBRACE));
      }
    } else if (first === LBRACKET) {
      let count = 0;
      if (cursor.openArray()) {
        do {
          const child = node.elements.find((e) => e.index === count)?.node;
          if (child !== undefined) this.walk(child, depth + 1);
          else cursor.skipValue(depth + 1);
          count++;
        } while (cursor.nextItem(RBRACKET));
      }
      if (node.elements.some((e) => e.index >= count)) throw new JsonPathError(NOT_AN_ARRAY);
    } else {
      if (node.elements.length > 0) throw new JsonPathError(NOT_AN_ARRAY);
      cursor.skipValue(depth);
    }
    if (node.fields.length > 0) {
      // A path ends where others go on (`$.a` and `$.a.b`): read the value again as a whole.
      const end = cursor.pos;
      cursor.pos = start;
      this.copyValue(node.fields);
      cursor.pos = end;
    }
  }

  /** The child of `node` for the member name the cursor just read, or null. */
  private memberNode(node: PathNode, escaped: boolean): PathNode | null {
    const name = this.memberName(escaped);
    const members = node.members;
    const count = members.length;
    for (let k = 0, m = node.nextMember; k < count; k++, m = m + 1 === count ? 0 : m + 1) {
      if (nameEquals(name, members[m]!.key, this.ignoreCase)) {
        node.nextMember = m + 1 === count ? 0 : m + 1;
        return members[m]!.node;
      }
    }
    return null;
  }

  /** The member name the cursor just read, unescaped if it has escapes. */
  private memberName(escaped: boolean): MemberName {
    const { cursor, name } = this;
    if (!escaped) {
      name.bytes = cursor.buf;
      name.start = cursor.nameStart;
      name.end = cursor.nameEnd;
    } else {
      this.nameScratch.reset();
      copyStringBody(cursor.buf, cursor.nameStart, cursor.nameEnd, true, this.nameScratch);
      name.bytes = this.nameScratch.bytes;
      name.start = 0;
      name.end = this.nameScratch.length;
    }
    return name;
  }

  /** Copies the value at the cursor into `fields` (one copy, shared by all of them). */
  private copyValue(fields: readonly number[]): void {
    const { cursor, out, record } = this;
    const first = cursor.peek();
    const from = cursor.pos;
    const at = out.length;
    let isNull = 0;
    if (first === QUOTE) {
      cursor.copyString(out);
    } else {
      cursor.skipValue(1);
      if (first === LOWER_N) isNull = 1;
      else if (first === LBRACE || first === LBRACKET) cursor.copyCompact(from, cursor.pos, out);
      else out.append(cursor.buf, from, cursor.pos);
    }
    for (const i of fields) {
      record.nulls[i] = isNull;
      record.starts[i] = at;
      record.ends[i] = out.length;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

/** Whether a member name equals `key` (with ignoreCase, ASCII letters of the name are folded to lower case). */
function nameEquals(name: MemberName, key: Uint8Array, ignoreCase: boolean): boolean {
  const { bytes, start } = name;
  const length = key.length;
  if (name.end - start !== length) return false;
  for (let k = 0; k < length; k++) {
    let c = bytes[start + k]!;
    if (ignoreCase && c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== key[k]) return false;
  }
  return true;
}
