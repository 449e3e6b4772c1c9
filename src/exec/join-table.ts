/**
 * The hash table of a hash join: build-side rows by key, equal keys chained in build-row order.
 *
 * Numeric keys (NumColumns; several integer keys packed into one number) go into an open-addressing
 * table over typed arrays — no Map entry, no boxed key per row. Any other key (strings, intervals,
 * bigints beyond 2^53, NaN) uses a Map on the row keys of join-keys.ts. NULL keys never enter.
 */
import { rowKeys } from './join-keys.js';
import { hashNumber } from './number-map.js';
import type { KeyPrimitive } from './value-keys.js';
import { NumColumn, type Column } from './vector.js';

/** Candidate matches: probeRows[k] pairs with buildRows[k]. */
export interface Pairs {
  readonly probeRows: Int32Array;
  readonly buildRows: Int32Array;
}

export interface JoinTable {
  /** Pairs of probe rows with the build rows of equal key (only the first with `firstMatchOnly`). */
  probe(keyColumns: readonly Column[], rowCount: number, firstMatchOnly: boolean): Pairs;
  /** Each probe row's first build row of equal key, or -1. */
  firstMatches(keyColumns: readonly Column[], rowCount: number): Int32Array;
  /** For one integer key within a modest range: a bit per value from `min` telling whether a build row has it. */
  keyBits(): KeyBits | null;
}

export interface KeyBits {
  readonly min: number;
  /** Bit (x - min) is set when some build row has key x. */
  readonly bits: Uint8Array;
}

/** Largest key range a KeyBits covers (2 MB of bits). */
const MAX_KEY_BITS = 2 ** 24;

export function buildJoinTable(keyColumns: readonly Column[], rowCount: number): JoinTable {
  const packing = numberPacking(keyColumns);
  const keys = packing === null ? null : packKeys(keyColumns as readonly NumColumn[], rowCount, packing);
  if (packing !== null && keys !== null && !keys.hasNaN) return new NumberJoinTable(keys, rowCount, packing);
  return new MapJoinTable(keyColumns, rowCount);
}

/** Next build row with the same key after each row, or -1; and probing one key's chain. */
abstract class ChainedTable implements JoinTable {
  protected readonly next: Int32Array;

  constructor(rowCount: number) {
    this.next = new Int32Array(rowCount).fill(-1);
  }

  abstract firstMatches(keyColumns: readonly Column[], rowCount: number): Int32Array;

  keyBits(): KeyBits | null {
    return null;
  }

  probe(keyColumns: readonly Column[], rowCount: number, firstMatchOnly: boolean): Pairs {
    const heads = this.firstMatches(keyColumns, rowCount);
    let probeRows: Int32Array = new Int32Array(Math.max(16, rowCount));
    let buildRows: Int32Array = new Int32Array(probeRows.length);
    let k = 0;
    for (let row = 0; row < rowCount; row++) {
      let match = heads[row]!;
      while (match >= 0) {
        if (k === probeRows.length) {
          probeRows = grownRows(probeRows);
          buildRows = grownRows(buildRows);
        }
        probeRows[k] = row;
        buildRows[k++] = match;
        match = firstMatchOnly ? -1 : this.next[match]!;
      }
    }
    return { probeRows: probeRows.subarray(0, k), buildRows: buildRows.subarray(0, k) };
  }
}

function grownRows(rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length * 2);
  out.set(rows);
  return out;
}

class MapJoinTable extends ChainedTable {
  private readonly map = new Map<KeyPrimitive, number>();

  constructor(keyColumns: readonly Column[], rowCount: number) {
    super(rowCount);
    const keyOf = rowKeys(keyColumns);
    // Inserting from the last row makes each chain run in build-row order.
    for (let row = rowCount - 1; row >= 0; row--) {
      const key = keyOf(row);
      if (key === null) continue;
      const head = this.map.get(key);
      if (head !== undefined) this.next[row] = head;
      this.map.set(key, row);
    }
  }

  firstMatches(keyColumns: readonly Column[], rowCount: number): Int32Array {
    const keyOf = rowKeys(keyColumns);
    const heads = new Int32Array(rowCount);
    for (let row = 0; row < rowCount; row++) {
      const key = keyOf(row);
      heads[row] = key === null ? -1 : (this.map.get(key) ?? -1);
    }
    return heads;
  }
}

/** How several integer keys pack into one number: bits per key (0 for a single key, kept as it is). */
interface Packing {
  readonly bits: number;
}

function numberPacking(keyColumns: readonly Column[]): Packing | null {
  if (!keyColumns.every((c) => c instanceof NumColumn)) return null;
  return { bits: keyColumns.length === 1 ? 0 : Math.floor(52 / keyColumns.length) };
}

interface PackedKeys {
  readonly values: Float64Array;
  /** 1 = the row matches nothing (a NULL key, or a value the packing cannot hold). */
  readonly skip: Uint8Array;
  readonly hasNaN: boolean;
}

/**
 * The rows' keys as one number each. Several keys must be integers in [-2^(bits-1), 2^(bits-1));
 * null when a build-side value is not (the caller then uses a Map), while on the probe side such a
 * row simply matches nothing — every build key fits.
 */
function packKeys(columns: readonly NumColumn[], rowCount: number, packing: Packing, probing = false): PackedKeys | null {
  const skip = new Uint8Array(rowCount);
  let hasNaN = false;
  if (packing.bits === 0) {
    const { values, nulls } = columns[0]!;
    if (nulls !== null) skip.set(nulls.subarray(0, rowCount));
    for (let i = 0; i < rowCount; i++) if (values[i] !== values[i] && skip[i] === 0) hasNaN = true;
    return { values, skip, hasNaN };
  }
  const out = new Float64Array(rowCount);
  const half = 2 ** (packing.bits - 1);
  const radix = 2 ** packing.bits;
  for (const { values, nulls } of columns) {
    for (let i = 0; i < rowCount; i++) {
      if (skip[i] !== 0) continue;
      if (nulls !== null && nulls[i] !== 0) {
        skip[i] = 1;
        continue;
      }
      const v = values[i]!;
      if (!(Number.isInteger(v) && v >= -half && v < half)) {
        if (!probing) return null;
        skip[i] = 1;
        continue;
      }
      out[i] = out[i]! * radix + (v + half);
    }
  }
  return { values: out, skip, hasNaN };
}

class NumberJoinTable extends ChainedTable {
  /**
   * Open addressing with linear probing, a slot per pair of doubles: the key, then the head row of
   * its chain (-1 = empty slot). Key and head share a cache line: one miss per lookup.
   */
  private readonly slots: Float64Array;
  private readonly mask: number;

  private bitsOfKeys: KeyBits | null | undefined = undefined;

  constructor(private readonly keys: PackedKeys, rowCount: number, private readonly packing: Packing) {
    super(rowCount);
    let capacity = 16;
    while (capacity < rowCount * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    const slots = new Float64Array(2 * capacity);
    for (let s = 1; s < slots.length; s += 2) slots[s] = -1;
    const { values, skip } = keys;
    // Inserting from the last row makes each chain run in build-row order.
    for (let row = rowCount - 1; row >= 0; row--) {
      if (skip[row] !== 0) continue;
      const x = values[row]!;
      let s = hashNumber(x) & this.mask;
      while (slots[2 * s + 1] !== -1 && slots[2 * s] !== x) s = (s + 1) & this.mask;
      if (slots[2 * s + 1] !== -1) this.next[row] = slots[2 * s + 1]!;
      else slots[2 * s] = x;
      slots[2 * s + 1] = row;
    }
    this.slots = slots;
  }

  override keyBits(): KeyBits | null {
    if (this.bitsOfKeys === undefined) this.bitsOfKeys = this.packing.bits === 0 ? integerKeyBits(this.keys) : null;
    return this.bitsOfKeys;
  }

  firstMatches(keyColumns: readonly Column[], rowCount: number): Int32Array {
    const heads = new Int32Array(rowCount).fill(-1);
    const numeric = numberPacking(keyColumns);
    // The probe side's keys have the build side's types, so they are NumColumns too unless an
    // operator boxed them; then each row goes through the Map-free path below key by key.
    const keys = numeric === null ? boxedPackedKeys(keyColumns, rowCount, this.packing) : packKeys(keyColumns as readonly NumColumn[], rowCount, this.packing, true)!;
    const { values, skip } = keys;
    const { slots, mask } = this;
    for (let row = 0; row < rowCount; row++) {
      if (skip[row] !== 0) continue;
      const x = values[row]!;
      let s = hashNumber(x) & mask;
      for (;;) {
        const head = slots[2 * s + 1]!;
        if (head === -1) break;
        if (slots[2 * s] === x) {
          heads[row] = head;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    return heads;
  }
}

/** The bitmap of a single key's values, when they are integers spanning at most MAX_KEY_BITS. */
function integerKeyBits(keys: PackedKeys): KeyBits | null {
  const { values, skip } = keys;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (skip[i] !== 0) continue;
    const x = values[i]!;
    if (!Number.isInteger(x)) return null;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min > max || max - min >= MAX_KEY_BITS) return null;
  const bits = new Uint8Array(((max - min) >> 3) + 1);
  for (let i = 0; i < values.length; i++) {
    if (skip[i] !== 0) continue;
    const d = values[i]! - min;
    bits[d >> 3]! |= 1 << (d & 7);
  }
  return { min, bits };
}

/** Packed keys of boxed key columns: numbers and safe bigints as numbers; anything else matches nothing. */
function boxedPackedKeys(keyColumns: readonly Column[], rowCount: number, packing: Packing): PackedKeys {
  const columns = keyColumns.map((c) => {
    if (c instanceof NumColumn) return c;
    const values = new Float64Array(rowCount);
    const nulls = new Uint8Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const v = c[i];
      if (typeof v === 'number') values[i] = v;
      else if (typeof v === 'bigint' && v <= MAX_SAFE && v >= -MAX_SAFE) values[i] = Number(v);
      else if (typeof v === 'boolean') values[i] = v ? 1 : 0;
      else nulls[i] = 1;
    }
    return new NumColumn(values, nulls, 'number');
  });
  return packKeys(columns, rowCount, packing, true)!;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
