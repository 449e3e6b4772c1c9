/**
 * COPY's parallelism rule made visible: files x slices x distribution style, with the object store's
 * throughput model on (every stream is slow, so the load time is the number of rounds of reads a
 * slice makes, not this machine's cores). TPC-H SF0.01 lineitem (7.3 MB) split into N equal files,
 * loaded into 2 nodes x 1, 2 and 4 slices: the speed-up over one file grows with the file count up
 * to the slice count, and a file count that is not a multiple of it leaves slices idle in the last
 * round (6 files on 4 slices take two rounds, as 8 do). Then one file per slice under each
 * distribution style: the reading is the same, and ALL writes every row once per node.
 * Medians of RUNS loads after one warm-up load; every load's row count is checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { tpchFile } from '../test/tpch/data.js';
import { TPCH_COLUMNS } from '../test/tpch/schema.js';
import { formatMs, markdownTable, median } from './report.js';
import { importSlicewise } from './slicewise.js';
import { writeSplitFiles } from './split-files.js';

const FILE_COUNTS = [1, 2, 3, 4, 6, 8, 12, 16] as const;
const SLICES_PER_NODE = [1, 2, 4] as const;
const NODES = 2;
/**
 * Slow streams: eight at once (40 MB/s) stay well within what two cores parse, and one file's stream
 * (~1.5 s) dwarfs the fixed part of a load (listing, planning, building: ~40-80 ms at this size).
 */
const MODEL = { mbPerSecond: 5, latencyMs: 10 };
const RUNS = 3;
const IAM = "iam_role 'arn:aws:iam::123456789012:role/SlicewiseBench'";
const DISTRIBUTIONS = { KEY: 'distkey(l_orderkey)', EVEN: 'diststyle even', ALL: 'diststyle all' } as const;
const BAR_WIDTH = 40;

function ddl(distribution: string): string {
  return `create table lineitem (${TPCH_COLUMNS.lineitem.map((c) => `${c.name} ${c.type} not null`).join(', ')}) ${distribution} sortkey(l_shipdate)`;
}

/** One text bar per value, `max` drawn BAR_WIDTH long. */
function bars(rows: readonly (readonly [string, number])[], max: number, unit: (v: number) => string): string {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, v]) => `${label.padStart(labelWidth)} ${'█'.repeat(Math.max(1, Math.round((v / max) * BAR_WIDTH)))} ${unit(v)}`).join('\n');
}

export async function benchCopyMatrix(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const text = gunzipSync(readFileSync(tpchFile('0.01', 'lineitem')));
  const lineCount = text.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0);
  const root = mkdtempSync(join(tmpdir(), 'slicewise-bench-matrix-'));
  writeSplitFiles(root, text, FILE_COUNTS);
  try {
    /** Median load time per file count, and per distribution style with one file per slice. */
    const measure = async (slicesPerNode: number): Promise<{ byFiles: Map<number, number>; byStyle: Map<string, number> }> => {
      const cluster = await Cluster.start({ nodes: NODES, slicesPerNode, s3Root: root, s3Throughput: MODEL });
      const load = async (distribution: string, files: number): Promise<number> => {
        await cluster.query('drop table if exists lineitem');
        await cluster.query(ddl(distribution));
        const start = performance.now();
        const r = await cluster.query(`copy lineitem from 's3://bench/lineitem-${files}/' ${IAM}`);
        const ms = performance.now() - start;
        if (r.rowCount !== lineCount) throw new Error(`loaded ${r.rowCount} rows, expected ${lineCount}`);
        return ms;
      };
      const timed = async (distribution: string, files: number): Promise<number> => {
        await load(distribution, files);
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) samples.push(await load(distribution, files));
        return median(samples);
      };
      try {
        const byFiles = new Map<number, number>();
        for (const files of FILE_COUNTS) byFiles.set(files, await timed(DISTRIBUTIONS.KEY, files));
        const byStyle = new Map<string, number>();
        const perSlice = NODES * slicesPerNode;
        for (const [style, clause] of Object.entries(DISTRIBUTIONS)) byStyle.set(style, await timed(clause, perSlice));
        return { byFiles, byStyle };
      } finally {
        await cluster.close();
      }
    };
    const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
    for (const s of SLICES_PER_NODE) {
      console.error(`COPY matrix, ${NODES} x ${s} slices...`);
      results.set(s, await measure(s));
    }
    const speedUp = (s: number, files: number): number => results.get(s)!.byFiles.get(1)! / results.get(s)!.byFiles.get(files)!;
    const table = markdownTable(
      ['files', ...SLICES_PER_NODE.map((s) => `${NODES * s} slices: load`), ...SLICES_PER_NODE.map((s) => `${NODES * s} slices: speed-up`)],
      FILE_COUNTS.map((files) => [
        String(files),
        ...SLICES_PER_NODE.map((s) => formatMs(results.get(s)!.byFiles.get(files)!)),
        ...SLICES_PER_NODE.map((s) => `${speedUp(s, files).toFixed(2)}x`),
      ]),
    );
    // One scale for all three charts, so their bars compare.
    const largest = Math.max(...SLICES_PER_NODE.flatMap((s) => FILE_COUNTS.map((files) => speedUp(s, files))));
    const charts = SLICES_PER_NODE.map((s) =>
      [`${NODES * s} slices, speed-up over 1 file:`, bars(FILE_COUNTS.map((files) => [`${files} files`, speedUp(s, files)] as const), largest, (v) => `${v.toFixed(2)}x`)].join('\n'),
    ).join('\n\n');
    const styles = markdownTable(
      ['distribution (one file per slice)', ...SLICES_PER_NODE.map((s) => `${NODES * s} slices`)],
      Object.keys(DISTRIBUTIONS).map((style) => [style, ...SLICES_PER_NODE.map((s) => formatMs(results.get(s)!.byStyle.get(style)!))]),
    );
    return [
      `### COPY matrix: TPC-H SF0.01 lineitem (${(text.length / 1e6).toFixed(1)} MB, ${lineCount} rows), files x slices x distribution`,
      '',
      `Throughput model on (simulated): ${MODEL.mbPerSecond} MB/s per stream, ${MODEL.latencyMs} ms per request. KEY distribution on l_orderkey, SORTKEY l_shipdate; median of ${RUNS} loads after a warm-up.`,
      '',
      table,
      '',
      '```',
      charts,
      '```',
      '',
      styles,
    ].join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
