/** UNION ALL: every input's rows, input after input. */
import type { VBatch } from '../vector.js';

export function* append(inputs: readonly Iterable<VBatch>[]): Iterable<VBatch> {
  for (const input of inputs) yield* input;
}
