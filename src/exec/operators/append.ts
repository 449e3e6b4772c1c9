/** UNION ALL: every input's rows, input after input. */
import type { Batch } from '../spec.js';

export function* append(inputs: readonly Iterable<Batch>[]): Iterable<Batch> {
  for (const input of inputs) yield* input;
}
