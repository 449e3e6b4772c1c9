/**
 * SharedArrayBuffers holding Arrow buffers (validity, offsets, values) back to back: one per column
 * chunk as chunk-encoder builds them, one per column of a COPY's slice whose blocks are views into it
 * (vector-permute.ts). Arrow requires each buffer to start on an 8-byte boundary, so every buffer
 * but the last is padded to a multiple of 8; the total is otherwise exact.
 */

const ALIGNMENT = 8;

function alignUp(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

/** A SharedArrayBuffer with room for buffers of the given byte lengths, and where each starts. */
export function allocateShared(byteLengths: readonly number[]): { readonly buffer: SharedArrayBuffer; readonly starts: readonly number[] } {
  const starts: number[] = [];
  let end = 0;
  for (let i = 0; i < byteLengths.length; i++) {
    const start = alignUp(end);
    starts.push(start);
    end = start + byteLengths[i]!;
  }
  return { buffer: new SharedArrayBuffer(end), starts };
}

/** A fresh zero-filled byte array in its own SharedArrayBuffer. */
export function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}
