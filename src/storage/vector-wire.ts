/**
 * Row groups across the worker boundary, packed. Structured clone passes a SharedArrayBuffer cheaply
 * but every typed-array view and object around it slowly: a lineitem COPY's scan reply — ~40 row
 * groups x 16 columns x 4 destination slices, ~2,500 vectors over ~700 buffers — took 4-14 ms to
 * arrive, and the leader sends the same vectors on to the building nodes. Packed, a message is the
 * distinct buffers, the distinct types and one Float64Array of numbers per vector (measured: under
 * 1 ms to arrive), and unpacking makes the views again. Buffers are shared, not copied: a view
 * unpacked on the other side sees the same memory (an ArrayBuffer that is not shared is copied
 * once per message, as structured clone does with views over it).
 */
import type { ColumnVector, VectorValues } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';

export interface PackedVectorGroups {
  /** Groups in the message; each has `width` vectors. */
  readonly groupCount: number;
  readonly width: number;
  /** The distinct buffers under the vectors' arrays. */
  readonly buffers: readonly ArrayBufferLike[];
  /** The distinct types (one per table column in practice). */
  readonly types: readonly SqlType[];
  /** FIELDS numbers per vector, groups one after the other (see `Field`). */
  readonly layout: Float64Array;
}

/** What `values` is an array of, by its index here. */
const VALUE_ARRAYS = [Int16Array, Int32Array, BigInt64Array, Float32Array, Float64Array, Uint8Array, Uint32Array] as const;
type ValuesConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => VectorValues;

/** The numbers of one vector in `layout`. An absent array has buffer index -1. */
const enum Field {
  type, length, nullCount,
  /** 0: no `ascii` property, 1: false, 2: true (storage/block.ts ColumnChunk.ascii). */
  ascii,
  valuesArray, valuesBuffer, valuesOffset, valuesLength,
  offsetsBuffer, offsetsOffset, offsetsLength,
  validityBuffer, validityOffset, validityLength,
}
const FIELDS = Field.validityLength + 1;

export function packVectorGroups(groups: readonly (readonly ColumnVector[])[]): PackedVectorGroups {
  const width = groups[0]?.length ?? 0;
  const buffers: ArrayBufferLike[] = [];
  const bufferIndex = new Map<ArrayBufferLike, number>();
  const types: SqlType[] = [];
  const typeIndex = new Map<SqlType, number>();
  const layout = new Float64Array(groups.length * width * FIELDS);
  const indexOf = (buffer: ArrayBufferLike): number => {
    let i = bufferIndex.get(buffer);
    if (i === undefined) {
      i = buffers.push(buffer) - 1;
      bufferIndex.set(buffer, i);
    }
    return i;
  };
  let at = 0;
  for (const group of groups) {
    if (group.length !== width) throw new Error(`packVectorGroups: a group of ${group.length} vectors among groups of ${width}`);
    for (const v of group) {
      let t = typeIndex.get(v.type);
      if (t === undefined) {
        t = types.push(v.type) - 1;
        typeIndex.set(v.type, t);
      }
      const ascii = (v as { ascii?: boolean }).ascii;
      const arrayKind = VALUE_ARRAYS.findIndex((A) => v.values instanceof A);
      if (arrayKind < 0) throw new Error('packVectorGroups: values of an unknown array type');
      layout[at + Field.type] = t;
      layout[at + Field.length] = v.length;
      layout[at + Field.nullCount] = v.nullCount;
      layout[at + Field.ascii] = ascii === undefined ? 0 : ascii ? 2 : 1;
      layout[at + Field.valuesArray] = arrayKind;
      layout[at + Field.valuesBuffer] = indexOf(v.values.buffer);
      layout[at + Field.valuesOffset] = v.values.byteOffset;
      layout[at + Field.valuesLength] = v.values.length;
      layout[at + Field.offsetsBuffer] = v.offsets === null ? -1 : indexOf(v.offsets.buffer);
      layout[at + Field.offsetsOffset] = v.offsets?.byteOffset ?? 0;
      layout[at + Field.offsetsLength] = v.offsets?.length ?? 0;
      layout[at + Field.validityBuffer] = v.validity === null ? -1 : indexOf(v.validity.buffer);
      layout[at + Field.validityOffset] = v.validity?.byteOffset ?? 0;
      layout[at + Field.validityLength] = v.validity?.length ?? 0;
      at += FIELDS;
    }
  }
  return { groupCount: groups.length, width, buffers, types, layout };
}

export function unpackVectorGroups(packed: PackedVectorGroups): ColumnVector[][] {
  const { buffers, types, layout, width } = packed;
  const groups: ColumnVector[][] = [];
  let at = 0;
  for (let g = 0; g < packed.groupCount; g++) {
    const group: ColumnVector[] = [];
    for (let c = 0; c < width; c++, at += FIELDS) {
      const Values: ValuesConstructor = VALUE_ARRAYS[layout[at + Field.valuesArray]!]!;
      const offsetsBuffer = layout[at + Field.offsetsBuffer]!;
      const validityBuffer = layout[at + Field.validityBuffer]!;
      const vector: ColumnVector & { ascii?: boolean } = {
        type: types[layout[at + Field.type]!]!,
        length: layout[at + Field.length]!,
        values: new Values(buffers[layout[at + Field.valuesBuffer]!]!, layout[at + Field.valuesOffset]!, layout[at + Field.valuesLength]!),
        offsets: offsetsBuffer < 0 ? null : new Int32Array(buffers[offsetsBuffer]!, layout[at + Field.offsetsOffset]!, layout[at + Field.offsetsLength]!),
        validity: validityBuffer < 0 ? null : new Uint8Array(buffers[validityBuffer]!, layout[at + Field.validityOffset]!, layout[at + Field.validityLength]!),
        nullCount: layout[at + Field.nullCount]!,
      };
      const ascii = layout[at + Field.ascii]!;
      if (ascii !== 0) vector.ascii = ascii === 2;
      group.push(vector);
    }
    groups.push(group);
  }
  return groups;
}

/** Bytes of memory under the packed vectors (buffers shared by several vectors counted once). */
export function packedBytes(packed: PackedVectorGroups): number {
  return packed.buffers.reduce((n, b) => n + b.byteLength, 0);
}
