/**
 * Hash grouping: assigns each row a dense group id by its key values under Redshift equality (NULLs
 * group together, trailing blanks are ignored), remembering each group's first-seen key values.
 * Each key column's values get dense codes (KeyCoder); one key column's codes are the group ids.
 * Several columns' code tuple is packed into one number while the codes are small enough (the
 * common case: few distinct values per column), else hashed into buckets of groups.
 */
import { valueKey } from './join-keys.js';
import { NumberMap } from './number-map.js';
import type { KeyPrimitive } from './value-keys.js';
import { boxColumn, NumColumn, type Boxing, type Column } from './vector.js';

/** NULL's key: a symbol can never equal a value's key. */
const NULL_KEY = Symbol('null');

/**
 * Dense codes for one column's distinct keys (join-keys.ts), NULL included, in first-seen order.
 * Numbers (all NumColumn values, and the keys of integers, booleans and floats) live in a NumberMap;
 * strings, wide bigints, NaN and NULL in a Map.
 */
class KeyCoder {
  private readonly numbers = new NumberMap();
  private readonly others = new Map<KeyPrimitive | symbol, number>();
  size = 0;

  /** Codes of the column's first `n` values; `onNew(row)` for each value seen for the first time. */
  codes(column: Column, n: number, onNew: (row: number) => void): Int32Array {
    const codes = new Int32Array(n);
    if (column instanceof NumColumn) {
      const { values, nulls } = column;
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] !== 0) codes[i] = this.otherCode(NULL_KEY, i, onNew);
        else codes[i] = this.numberCode(values[i]!, i, onNew);
      }
      return codes;
    }
    for (let i = 0; i < n; i++) {
      const v = column[i];
      const key = v === null ? NULL_KEY : valueKey(v);
      codes[i] = typeof key === 'number' ? this.numberCode(key, i, onNew) : this.otherCode(key, i, onNew);
    }
    return codes;
  }

  private numberCode(x: number, row: number, onNew: (row: number) => void): number {
    if (x !== x) return this.otherCode(x, row, onNew); // NaN: the Map finds it (SameValueZero)
    let code = this.numbers.get(x);
    if (code < 0) {
      code = this.size++;
      this.numbers.add(x, code);
      onNew(row);
    }
    return code;
  }

  private otherCode(key: KeyPrimitive | symbol, row: number, onNew: (row: number) => void): number {
    let code = this.others.get(key);
    if (code === undefined) {
      code = this.size++;
      this.others.set(key, code);
      onNew(row);
    }
    return code;
  }
}

/**
 * One key column's first-seen values, a value per group: numbers in a growing typed array while
 * every batch brings NumColumns of one boxing (no bigint per group for BIGINT keys), else engine values.
 */
class KeyValues {
  private numbers = new Float64Array(16);
  private nulls: Uint8Array | null = null;
  private boxing: Boxing | null = null;
  private boxed: unknown[] | null = null;
  private length = 0;

  push(column: Column, row: number): void {
    if (this.boxed === null && column instanceof NumColumn && (this.boxing === null || this.boxing === column.boxing)) {
      this.boxing = column.boxing;
      if (this.length === this.numbers.length) {
        const grown = new Float64Array(this.length * 2);
        grown.set(this.numbers);
        this.numbers = grown;
      }
      if (column.nulls !== null && column.nulls[row] !== 0) {
        if (this.nulls === null || this.nulls.length < this.numbers.length) {
          const grown = new Uint8Array(this.numbers.length);
          if (this.nulls !== null) grown.set(this.nulls);
          this.nulls = grown;
        }
        this.nulls[this.length] = 1;
      } else {
        this.numbers[this.length] = column.values[row]!;
      }
      this.length++;
      return;
    }
    if (this.boxed === null) this.boxed = this.boxing === null ? [] : boxColumn(this.column()).slice();
    this.boxed.push(valueAt(column, row));
    this.length++;
  }

  column(): Column {
    if (this.boxed !== null) return this.boxed;
    if (this.boxing === null) return [];
    let nulls: Uint8Array | null = null;
    if (this.nulls !== null) {
      // The NULL bytes stop at the last NULL pushed.
      nulls = new Uint8Array(this.length);
      nulls.set(this.nulls.subarray(0, Math.min(this.nulls.length, this.length)));
    }
    return new NumColumn(this.numbers.slice(0, this.length), nulls, this.boxing);
  }
}

export class GroupTable {
  private readonly keyValues: KeyValues[] = [];
  private groupCount = 0;
  private readonly coders: KeyCoder[] = [];
  // Composite keys: each group's code tuple, and hash buckets chaining groups.
  private readonly groupCodes: number[][] = [];
  private readonly buckets = new Map<number, number>();
  private readonly nextInBucket: number[] = [];
  /** Packed code tuple -> group, until some column has more than 2^bitsPerKey distinct values (then null). */
  private packed: NumberMap | null = new NumberMap();
  private readonly bitsPerKey: number;

  constructor(private readonly keyCount: number) {
    this.bitsPerKey = keyCount > 1 ? Math.floor(52 / keyCount) : 0;
    for (let c = 0; c < keyCount; c++) {
      this.keyValues.push(new KeyValues());
      this.coders.push(new KeyCoder());
      this.groupCodes.push([]);
    }
  }

  get size(): number {
    return this.groupCount;
  }

  /** Key values per group, one column per key (in group id order). */
  keyColumns(): Column[] {
    return this.keyValues.map((k) => k.column());
  }

  /** Make sure group 0 exists (grouping without keys: one group even for empty input). */
  ensureOneGroup(): void {
    if (this.groupCount === 0 && this.keyCount === 0) this.groupCount = 1;
  }

  /** Group ids for `n` rows whose key values are `keys` (one column per key). */
  assign(keys: readonly Column[], n: number): Int32Array {
    if (this.keyCount === 0) {
      if (n > 0) this.ensureOneGroup(); // no keys: every row is in group 0
      return new Int32Array(n);
    }
    if (this.keyCount === 1) {
      const column = keys[0]!;
      const values = this.keyValues[0]!;
      const groups = this.coders[0]!.codes(column, n, (row) => values.push(column, row));
      this.groupCount = this.coders[0]!.size;
      return groups;
    }
    return this.assignComposite(keys, n);
  }

  private assignComposite(keys: readonly Column[], n: number): Int32Array {
    const noop = (): void => {};
    const columnCodes = keys.map((column, c) => this.coders[c]!.codes(column, n, noop));
    const k = columnCodes.length;
    const radix = 2 ** this.bitsPerKey;
    if (this.packed !== null && this.coders.some((d) => d.size > radix)) this.unpack();
    const packed = this.packed;
    const groups = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let g: number;
      if (packed !== null) {
        let key = 0;
        for (let c = 0; c < k; c++) key = key * radix + columnCodes[c]![i]!;
        g = packed.get(key);
        if (g < 0) {
          g = this.newGroup(keys, columnCodes, i);
          packed.add(key, g);
        }
      } else {
        const h = codeHash(columnCodes, i);
        const head = this.buckets.get(h) ?? -1;
        g = head;
        while (g >= 0 && !this.codesMatch(g, columnCodes, i)) g = this.nextInBucket[g]!;
        if (g < 0) {
          g = this.newGroup(keys, columnCodes, i);
          this.nextInBucket[g] = head;
          this.buckets.set(h, g);
        }
      }
      groups[i] = g;
    }
    return groups;
  }

  private newGroup(keys: readonly Column[], columnCodes: readonly Int32Array[], row: number): number {
    for (let c = 0; c < columnCodes.length; c++) {
      this.groupCodes[c]!.push(columnCodes[c]![row]!);
      this.keyValues[c]!.push(keys[c]!, row);
    }
    return this.groupCount++;
  }

  /** Codes no longer fit one number: move every group into the hash buckets. */
  private unpack(): void {
    this.packed = null;
    const codes = this.groupCodes.map((c) => Int32Array.from(c));
    for (let g = 0; g < this.groupCount; g++) {
      const h = codeHash(codes, g);
      this.nextInBucket[g] = this.buckets.get(h) ?? -1;
      this.buckets.set(h, g);
    }
  }

  private codesMatch(group: number, columnCodes: readonly Int32Array[], row: number): boolean {
    for (let c = 0; c < columnCodes.length; c++) if (this.groupCodes[c]![group] !== columnCodes[c]![row]) return false;
    return true;
  }
}

/** A small-integer hash of row `i`'s code tuple (a small integer key keeps the Map fast). */
function codeHash(columnCodes: readonly Int32Array[], i: number): number {
  let h = 0;
  for (let c = 0; c < columnCodes.length; c++) h = Math.imul(h ^ columnCodes[c]![i]!, 0x9e3779b1) ^ (h >>> 15);
  return h & 0x3fffffff;
}

/** The engine value at `row`. */
function valueAt(column: Column, row: number): unknown {
  if (!(column instanceof NumColumn)) return column[row];
  if (column.nulls !== null && column.nulls[row] !== 0) return null;
  const v = column.values[row]!;
  switch (column.boxing) {
    case 'number': return v;
    case 'bigint': return BigInt(v);
    case 'boolean': return v !== 0;
  }
}
