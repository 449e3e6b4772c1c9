/** The COPY benchmarks' input: one text file split at line boundaries into N equal parts, as a bucket prefix. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Splits the text at line boundaries into `n` parts of about equal size. */
function splitLines(text: Buffer, n: number): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    let end = i === n ? text.length : Math.round((text.length * i) / n);
    if (end < text.length) end = text.indexOf(0x0a, end) + 1 || text.length;
    parts.push(text.subarray(start, end));
    start = end;
  }
  return parts;
}

/** Writes `text` split into each of `counts` parts under `<root>/bench/lineitem-<n>/part-000.tbl`, .... */
export function writeSplitFiles(root: string, text: Buffer, counts: readonly number[]): void {
  for (const n of counts) {
    const dir = join(root, 'bench', `lineitem-${n}`);
    mkdirSync(dir, { recursive: true });
    splitLines(text, n).forEach((part, i) => writeFileSync(join(dir, `part-${String(i).padStart(3, '0')}.tbl`), part));
  }
}
