/**
 * The exact-size buffers a finished vector lives in: validity, offsets (strings) and values back to
 * back in one buffer, each section starting on an 8-byte boundary — the layout storage/ gives a
 * ColumnChunk (storage/shared-buffers.ts), so a vector can become a stored chunk as is. Shared vectors
 * sit in a SharedArrayBuffer (they cross worker threads without a copy), others in an ArrayBuffer.
 */

const ALIGNMENT = 8;

export interface OutputBuffer {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Byte offset of each requested section. */
  readonly starts: readonly number[];
}

/** One zero-filled buffer holding sections of the given byte lengths. */
export function allocateSections(byteLengths: readonly number[], shared: boolean): OutputBuffer {
  const starts: number[] = [];
  let end = 0;
  for (const length of byteLengths) {
    const start = Math.ceil(end / ALIGNMENT) * ALIGNMENT;
    starts.push(start);
    end = start + length;
  }
  return { buffer: shared ? new SharedArrayBuffer(end) : new ArrayBuffer(end), starts };
}

/**
 * The first `length` bits of a validity bitmap in a new section, bits past `length` cleared (Arrow
 * leaves them undefined; zero keeps buffers comparable byte for byte).
 */
export function copyValidity(target: ArrayBuffer | SharedArrayBuffer, at: number, bits: Uint8Array, length: number): Uint8Array {
  const byteLength = Math.ceil(length / 8);
  const out = new Uint8Array(target, at, byteLength);
  out.set(bits.subarray(0, byteLength));
  if ((length & 7) !== 0) out[byteLength - 1]! &= (1 << (length & 7)) - 1;
  return out;
}
