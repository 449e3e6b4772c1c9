/** SELECT DISTINCT: each row the first time its values (under Redshift equality) are seen. Streams. */
import { GroupTable } from '../group-table.js';
import { sliceColumn, type VBatch } from '../vector.js';

export function* distinct(input: Iterable<VBatch>): Iterable<VBatch> {
  let table: GroupTable | null = null;
  for (const batch of input) {
    table ??= new GroupTable(batch.columns.length);
    const before = table.size;
    table.assign(batch.columns, batch.rowCount);
    if (table.size > before) {
      yield { columns: table.keyColumns().map((c) => sliceColumn(c, before, table!.size)), rowCount: table.size - before };
    }
  }
}
