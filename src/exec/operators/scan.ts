/** Table scan: the slice's rows (column projection and zone-map skipping are the context's), then the scan's own filter. */
import { selectRows } from '../batch.js';
import type { ExecContext } from '../context.js';
import { compilePredicate } from '../expr.js';
import type { Batch, POp } from '../spec.js';

export function* scan(op: Extract<POp, { kind: 'scan' }>, ctx: ExecContext): Iterable<Batch> {
  const predicate = op.filter ? compilePredicate(op.filter) : null;
  for (const batch of ctx.scan(op)) {
    if (batch.rowCount === 0) continue;
    if (predicate === null) {
      yield batch;
      continue;
    }
    const selected = selectRows(batch, predicate(batch));
    if (selected.rowCount > 0) yield selected;
  }
}
