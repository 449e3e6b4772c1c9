/**
 * Row groups packed for the worker boundary (storage/vector-wire.ts) come back as the same vectors —
 * values, NULLs, string offsets, `ascii` flags — over the same shared memory, through a real
 * postMessage as well as directly.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { dealVectors } from '../../src/storage/vector-partition.js';
import { valuesOfVector, vectorFromValues } from '../../src/storage/vector-values.js';
import { packVectorGroups, packedBytes, unpackVectorGroups, type PackedVectorGroups } from '../../src/storage/vector-wire.js';
import type { ColumnVector } from '../../src/types/column-vector.js';
import { BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, TIMESTAMP, charType, decimalType, varcharType, type SqlType } from '../../src/types/datatype.js';

const TYPES: readonly SqlType[] = [SMALLINT, INTEGER, BIGINT, decimalType(38, 4), REAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, charType(3), varcharType(20)];

function sampleValues(type: SqlType, rows: number): unknown[] {
  return Array.from({ length: rows }, (_, i) => {
    if (i % 5 === 3) return null;
    switch (type.kind) {
      case 'smallint': case 'integer': case 'date': return i * 7 - 20;
      case 'bigint': return BigInt(i) * 1_000_000_007n - 5n;
      case 'timestamp': return 1_700_000_000_000_000 + i;
      case 'decimal': return -(10n ** 30n) + BigInt(i);
      case 'real': return Math.fround(i / 3);
      case 'double': return i === 1 ? NaN : i / 7;
      case 'boolean': return i % 2 === 0;
      case 'char': return `c${i % 10}`.padEnd(3, ' ');
      case 'varchar': return i % 4 === 0 ? 'é' : `row ${i}`;
      default: throw new Error(type.kind);
    }
  });
}

/** Groups as a COPY scan deals them: one vector per column, the destinations' pieces sharing buffers. */
function dealtGroups(rows: number): ColumnVector[][] {
  const vectors = TYPES.map((t) => vectorFromValues(t, sampleValues(t, rows), true));
  const dealt = dealVectors({ kind: 'key', column: 1, type: INTEGER }, vectors, rows, { sliceCount: 4, slicesPerNode: 2 }, 0);
  return [...dealt.perSlice.values()];
}

function viaPostMessage(packed: PackedVectorGroups): PackedVectorGroups {
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(packed);
    return receiveMessageOnPort(port2)!.message as PackedVectorGroups;
  } finally {
    port1.close();
  }
}

function plain(groups: readonly (readonly ColumnVector[])[]): unknown[][][] {
  return groups.map((g) => g.map((v) => valuesOfVector(v)));
}

describe('packed row groups', () => {
  const groups = dealtGroups(300);

  it('unpack to the same values, NULLs, lengths and ascii flags', () => {
    const back = unpackVectorGroups(packVectorGroups(groups));
    expect(plain(back)).toEqual(plain(groups));
    back.forEach((g, i) =>
      g.forEach((v, c) => {
        const original = groups[i]![c]! as ColumnVector & { ascii?: boolean };
        expect(v.length).toBe(original.length);
        expect(v.nullCount).toBe(original.nullCount);
        expect(v.type).toBe(original.type);
        expect((v as { ascii?: boolean }).ascii).toBe(original.ascii);
        expect(v.values.constructor).toBe(original.values.constructor);
        expect(v.validity === null).toBe(original.validity === null);
        expect(v.offsets === null).toBe(original.offsets === null);
      }),
    );
  });

  it('cross a MessagePort sharing the memory, not copying it', () => {
    const packed = packVectorGroups(groups);
    const back = unpackVectorGroups(viaPostMessage(packed));
    expect(plain(back)).toEqual(plain(groups));
    const original = groups[0]![1]!.values as Int32Array;
    const received = back[0]![1]!.values as Int32Array;
    expect(received.buffer).toBeInstanceOf(SharedArrayBuffer);
    original[0] = 123_456;
    expect(received[0]).toBe(123_456);
  });

  it('send each buffer once however many vectors view it, and count its bytes once', () => {
    const packed = packVectorGroups(groups);
    const distinct = new Set(groups.flat().flatMap((v) => [v.values.buffer, v.offsets?.buffer, v.validity?.buffer].filter((b) => b !== undefined)));
    expect(packed.buffers.length).toBe(distinct.size);
    expect(packed.buffers.length).toBeLessThan(groups.flat().length);
    expect(packedBytes(packed)).toBe([...distinct].reduce((n, b) => n + b!.byteLength, 0));
    expect(packed.types.length).toBe(TYPES.length);
  });

  it('pack no groups as none', () => {
    const packed = packVectorGroups([]);
    expect(unpackVectorGroups(viaPostMessage(packed))).toEqual([]);
    expect(packedBytes(packed)).toBe(0);
  });

  it('refuse groups of different widths', () => {
    expect(() => packVectorGroups([groups[0]!, groups[1]!.slice(1)])).toThrow(/group of/);
  });
});
