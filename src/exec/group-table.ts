/**
 * Hash grouping: assigns each row a dense group id by its key values under Redshift equality (NULLs
 * group together, trailing blanks are ignored), remembering each group's first-seen key values.
 * One key column uses a Map on the value's canonical key; several are dictionary-coded per column
 * and hashed as code tuples.
 */
import { canonicalKey, type KeyPrimitive } from './value-keys.js';

export class GroupTable {
  /** Key values per group, one array per key column. */
  readonly keyColumns: unknown[][] = [];
  private groupCount = 0;
  private readonly single = new Map<KeyPrimitive, number>();
  private nullGroup = -1;
  // Composite keys: per-column dictionaries, each group's code tuple, and hash buckets chaining groups.
  private readonly dictionaries: Map<KeyPrimitive | symbol, number>[] = [];
  private readonly groupCodes: number[][] = [];
  private readonly buckets = new Map<number, number>();
  private readonly nextInBucket: number[] = [];

  constructor(private readonly keyCount: number) {
    for (let c = 0; c < keyCount; c++) {
      this.keyColumns.push([]);
      this.dictionaries.push(new Map());
      this.groupCodes.push([]);
    }
  }

  get size(): number {
    return this.groupCount;
  }

  /** Make sure group 0 exists (grouping without keys: one group even for empty input). */
  ensureOneGroup(): void {
    if (this.groupCount === 0 && this.keyCount === 0) this.groupCount = 1;
  }

  /** Group ids for `n` rows whose key values are `keys` (one column per key). */
  assign(keys: readonly (readonly unknown[])[], n: number): Int32Array {
    const groups = new Int32Array(n);
    if (this.keyCount === 1) this.assignSingle(keys[0]!, n, groups);
    else if (this.keyCount > 1) this.assignComposite(keys, n, groups);
    else if (n > 0) this.ensureOneGroup(); // no keys: every row is in group 0
    return groups;
  }

  private assignSingle(values: readonly unknown[], n: number, groups: Int32Array): void {
    const map = this.single;
    const keyColumn = this.keyColumns[0]!;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) {
        if (this.nullGroup < 0) {
          keyColumn.push(null);
          this.nullGroup = this.groupCount++;
        }
        groups[i] = this.nullGroup;
        continue;
      }
      const key = typeof v === 'number' ? v : canonicalKey(v);
      let g = map.get(key);
      if (g === undefined) {
        keyColumn.push(v);
        g = this.groupCount++;
        map.set(key, g);
      }
      groups[i] = g;
    }
  }

  /**
   * Several key columns: each value is coded by a per-column dictionary (vectorized, column by
   * column), then the row's code tuple is hashed into buckets whose groups are verified code by code.
   */
  private assignComposite(keys: readonly (readonly unknown[])[], n: number, groups: Int32Array): void {
    const columnCodes = keys.map((values, c) => this.codeColumn(c, values, n));
    const k = columnCodes.length;
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let c = 0; c < k; c++) h = Math.imul(h ^ columnCodes[c]![i]!, 0x9e3779b1) ^ (h >>> 15);
      h &= 0x3fffffff; // a small integer key keeps the Map fast
      const head = this.buckets.get(h);
      let g = head ?? -1;
      while (g >= 0 && !this.codesMatch(g, columnCodes, i)) g = this.nextInBucket[g]!;
      if (g < 0) {
        g = this.groupCount++;
        for (let c = 0; c < k; c++) {
          this.groupCodes[c]!.push(columnCodes[c]![i]!);
          this.keyColumns[c]!.push(keys[c]![i]);
        }
        this.nextInBucket.push(head ?? -1);
        this.buckets.set(h, g);
      }
      groups[i] = g;
    }
  }

  private codesMatch(group: number, columnCodes: readonly Int32Array[], row: number): boolean {
    for (let c = 0; c < columnCodes.length; c++) if (this.groupCodes[c]![group] !== columnCodes[c]![row]) return false;
    return true;
  }

  /** Dictionary codes of one key column's values (NULL has a code of its own). */
  private codeColumn(c: number, values: readonly unknown[], n: number): Int32Array {
    const dict = this.dictionaries[c]!;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      const key = v === null ? NULL_KEY : typeof v === 'number' ? v : canonicalKey(v);
      let code = dict.get(key);
      if (code === undefined) {
        code = dict.size;
        dict.set(key, code);
      }
      codes[i] = code;
    }
    return codes;
  }
}

/** NULL's dictionary key: a symbol can never equal a value's canonical key. */
const NULL_KEY = Symbol('null');
