/**
 * COPY parsing on one thread: record splitting (src/io/formats) and conversion into typed column
 * vectors (src/io/convert), on TPC-H SF0.1 lineitem (~75 MB, '|'-delimited, a trailing '|' on every
 * line), pushed in 1 MiB chunks (the object store's reads without a throughput model), as a reading slice runs them: the converter is drained every 16384
 * rows (ROWS_PER_GROUP in src/compute/copy-scan.ts) and reuses its memory. Conversion is measured two
 * ways: through the splitter and RowConverter.record for every record (the slow path, which every
 * format has), and with records offered to the fast path of delimited text first (io/convert/fast-text.ts),
 * as COPY does. The last line also deals each run to 4 slices (KEY on l_orderkey) straight from the
 * converter's memory, as COPY does.
 *
 * The measurement runs in a child node process without a loader (bench/copy-parse-run.mjs) on the
 * compiled dist/ modules, as compute nodes run them. MB/s are input bytes over the median (and best)
 * time of a few runs after a warm-up, two ways: wall time, the speed of the one thread doing the work
 * (on an otherwise idle machine); and the process's CPU time, which adds what V8's helper threads
 * (concurrent GC, compilers) spend beside it and is not slowed by other processes.
 *   npm run bench -- copy-parse
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tpchFile } from '../test/tpch/data.js';
import { markdownTable, median } from './report.js';

const RUNS = 5;

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rows: number;
}

type Case = 'split' | 'convert-slow' | 'convert' | 'deal';

interface Measured {
  readonly bytes: number;
  readonly chunk: number;
  readonly groupRows: number;
  readonly sliceCount: number;
  readonly runs: readonly Timing[];
}

/** One case, in its own node process (see copy-parse-run.mjs). */
function measure(which: Case): Measured {
  const script = fileURLToPath(new URL('./copy-parse-run.mjs', import.meta.url));
  const child = spawnSync(process.execPath, ['--expose-gc', script, tpchFile('0.1', 'lineitem'), which, String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`copy-parse-run.mjs ${which} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measured;
}

export async function benchCopyConvert(): Promise<string> {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
  const measured = { split: measure('split'), 'convert-slow': measure('convert-slow'), convert: measure('convert'), deal: measure('deal') };
  const m = measured.deal;
  const mb = m.bytes / 1e6;
  const mbPerSecond = (ms: number): string => (mb / (ms / 1000)).toFixed(0);
  const names: Readonly<Record<Case, string>> = {
    split: 'split only (io/formats)',
    'convert-slow': `split + convert, drained every ${m.groupRows} rows, every record split first (io/formats + io/convert)`,
    convert: `split + convert, drained every ${m.groupRows} rows, with the fast path of delimited text`,
    deal: `split + convert (fast path) + deal to ${m.sliceCount} slices every ${m.groupRows} rows (COPY's reading slice)`,
  };
  const table = (Object.keys(names) as Case[]).map((name) => {
    const runs = measured[name].runs;
    const wall = runs.map((r) => r.wallMs);
    const cpu = runs.map((r) => r.cpuMs);
    return [names[name], String(runs[0]!.rows), median(wall).toFixed(0), mbPerSecond(median(wall)), mbPerSecond(Math.min(...wall)), median(cpu).toFixed(0), mbPerSecond(median(cpu))];
  });
  return [
    '### COPY parsing: split + convert, one thread',
    '',
    `TPC-H SF0.1 lineitem (${mb.toFixed(1)} MB; 16 columns: 1 BIGINT, 3 INTEGER, 4 DECIMAL(15,2), 3 DATE, 4 CHAR, 1 VARCHAR), ${m.chunk / 1024} KiB chunks, ${RUNS} runs after a warm-up, the compiled dist/ modules in a node process without a loader.`,
    '',
    markdownTable(['pipeline', 'rows', 'wall ms (median)', 'MB/s (median)', 'MB/s (best)', 'process CPU ms (median)', 'MB/s of CPU'], table),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCopyConvert());
