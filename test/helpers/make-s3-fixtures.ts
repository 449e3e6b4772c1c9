/**
 * Builds the sample S3 bucket fixtures/s3/slicewise-sample/ from the four TICKIT files in
 * fixtures/tickit/ (see fixtures/s3/README.md for what each object is and how to load it).
 *
 *   node --import tsx test/helpers/make-s3-fixtures.ts
 *
 * Deterministic: the same inputs and tools give the same bytes (gzip from node:zlib with a zero
 * mtime; bzip2 and zstd from their CLIs, /usr/bin/bzip2 1.0.8 and /usr/bin/zstd 1.5.x, which write
 * no timestamps or names). test/io/fixtures.test.ts rebuilds everything and compares with the
 * committed files, so a hand edit or a stale output fails the tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const SAMPLE_BUCKET = 'slicewise-sample';
export const S3_FIXTURE_ROOT = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));
const TICKIT_DIR = fileURLToPath(new URL('../../fixtures/tickit', import.meta.url));

/** fixtures/tickit file -> the AWS sample file name it is. */
export const ORIGINALS = {
  'category.txt': 'category_pipe.txt',
  'date.txt': 'date2008_pipe.txt',
  'events.txt': 'allevents_pipe.txt',
  'venue.txt': 'venue_pipe.txt',
} as const;

export const SPLIT_PARTS = 4;

/** The guide's FIXEDWIDTH spec for VENUE (r_COPY_command_examples.md), and one wide enough for every value. */
export const VENUE_FIXED_WIDTHS = { venueid: 3, venuename: 25, venuecity: 12, venuestate: 2, venueseats: 6 } as const;
export const VENUE_FULL_WIDTHS = { venueid: 3, venuename: 39, venuecity: 16, venuestate: 2, venueseats: 6 } as const;

/** Every object of the bucket: key -> bytes. */
export function buildS3Fixtures(): Map<string, Uint8Array> {
  const source = (file: keyof typeof ORIGINALS): Buffer => readFileSync(join(TICKIT_DIR, file));
  const out = new Map<string, Uint8Array>();
  for (const [file, awsName] of Object.entries(ORIGINALS) as [keyof typeof ORIGINALS, string][]) {
    out.set(`tickit/${awsName}`, source(file));
  }

  const parts = splitLines(source('events.txt').toString('utf8'), SPLIT_PARTS);
  parts.forEach((part, i) => {
    out.set(`tickit/split/allevents_pipe.txt.${i + 1}`, Buffer.from(part, 'utf8'));
    out.set(`tickit/gz/allevents_pipe.txt.${i + 1}.gz`, gzipSync(part, { level: 9 }));
  });

  const venue = source('venue.txt');
  out.set('tickit/bz2/venue_pipe.txt.bz2', runTool('/usr/bin/bzip2', ['-9', '-c'], venue));
  out.set('tickit/zst/venue_pipe.txt.zst', runTool('/usr/bin/zstd', ['-19', '-q', '-c'], venue));

  const venueRows = rowsOf(venue.toString('utf8'));
  const categoryRows = rowsOf(source('category.txt').toString('utf8'));
  out.set('tickit/csv/venue.csv', utf8(venueCsv(venueRows)));
  out.set('tickit/csv/category.csv', utf8(categoryCsv(categoryRows)));
  out.set('tickit/fixedwidth/venue_fw.txt', utf8(fixedWidth(venueRows, Object.values(VENUE_FIXED_WIDTHS))));
  out.set('tickit/fixedwidth/venue_fw_full.txt', utf8(fixedWidth(venueRows, Object.values(VENUE_FULL_WIDTHS))));

  for (const [name, text] of Object.entries(categoryJson(categoryRows))) out.set(`tickit/json/${name}`, utf8(text));

  const partUrl = (n: number): string => `s3://${SAMPLE_BUCKET}/tickit/split/allevents_pipe.txt.${n}`;
  const partEntry = (n: number): object => ({ url: partUrl(n), mandatory: true, meta: { content_length: Buffer.byteLength(parts[n - 1]!, 'utf8') } });
  const all = [1, 2, 3, 4].map(partEntry);
  out.set('tickit/manifest/allevents.manifest', utf8(manifest(all)));
  out.set('tickit/manifest/optional-missing.manifest', utf8(manifest([all[0]!, all[1]!, { url: partUrl(5), mandatory: false }, all[2]!, all[3]!])));
  out.set('tickit/manifest/duplicate.manifest', utf8(manifest([...all, partEntry(2)])));
  return out;
}

/** Writes the bucket under `root` (replacing its tickit/ folder) and returns the keys written. */
export function writeS3Fixtures(root: string = S3_FIXTURE_ROOT): string[] {
  const objects = buildS3Fixtures();
  rmSync(join(root, SAMPLE_BUCKET, 'tickit'), { recursive: true, force: true });
  for (const [key, bytes] of objects) {
    const path = join(root, SAMPLE_BUCKET, ...key.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return [...objects.keys()];
}

/** Lines split into `n` parts of whole lines, sizes differing by at most one line (larger first). */
export function splitLines(text: string, n: number): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const base = Math.floor(lines.length / n);
  const extra = lines.length % n;
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const count = base + (i < extra ? 1 : 0);
    parts.push(lines.slice(at, at + count).join('\n') + '\n');
    at += count;
  }
  return parts;
}

/** Pipe-delimited rows; `\N` (COPY's default NULL AS) becomes null. */
function rowsOf(text: string): (string | null)[][] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('|').map((f) => (f === '\\N' ? null : f)));
}

/** Every text field quoted; NULL venueseats as an empty unquoted field. */
function venueCsv(rows: (string | null)[][]): string {
  const lines = rows.map(([id, name, city, state, seats]) => [id, quote(name!), quote(city!), quote(state!), seats ?? ''].join(','));
  return ['venueid,venuename,venuecity,venuestate,venueseats', ...lines].join('\n') + '\n';
}

/** Quotes only where CSV needs them (the Classical description holds commas). */
function categoryCsv(rows: (string | null)[][]): string {
  const field = (s: string): string => (/[",\r\n]/.test(s) ? quote(s) : s);
  return ['catid,catgroup,catname,catdesc', ...rows.map((r) => r.map((f) => field(f!)).join(','))].join('\n') + '\n';
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** Each field left-aligned and space-padded to its width, cut when longer; NULL is all blanks. */
function fixedWidth(rows: (string | null)[][], widths: readonly number[]): string {
  return rows.map((row) => row.map((f, i) => (f ?? '').slice(0, widths[i]!).padEnd(widths[i]!)).join('')).join('\n') + '\n';
}

/**
 * The guide's JSON examples ("Copy from JSON examples") with all 11 rows: objects pretty-printed
 * with 4-space indents and keys in varying order, the second and third objects written back to back
 * (`}{`), and a "bogus" key in the fourth — as in the guide's category_object_auto.json.
 */
function categoryJson(rows: (string | null)[][]): Record<string, string> {
  const values = rows.map(([id, group, name, desc]) => ({ catid: Number(id), catgroup: group!, catname: name!, catdesc: desc! }));
  type Key = keyof (typeof values)[number];
  const orders: Key[][] = [
    ['catdesc', 'catid', 'catgroup', 'catname'],
    ['catgroup', 'catid', 'catname', 'catdesc'],
    ['catid', 'catname', 'catgroup', 'catdesc'],
    ['catid', 'catgroup', 'catname', 'catdesc'],
    ['catid', 'catgroup', 'catname', 'catdesc'],
  ];
  const objects = (rename: (k: Key) => string): string =>
    joinObjects(
      values.map((v, i) => {
        const fields: [string, unknown][] = orders[i % orders.length]!.map((k) => [rename(k), v[k]]);
        if (i === 3) fields.unshift(['bogus', 'Bogus Sports LLC']);
        return prettyObject(fields);
      }),
    );
  const camel: Record<Key, string> = { catid: 'CatID', catgroup: 'CatGroup', catname: 'CatName', catdesc: 'CatDesc' };
  const pathOrders: number[][] = [
    [0, 1, 2, 3],
    [2, 3, 0, 1],
    [1, 2, 0, 3],
    [0, 1, 2, 3],
    [0, 1, 2, 3],
  ];
  const numbered = ['one', 'two', 'three', 'four'];
  const paths = values.map((v, i) => {
    const cells = [v.catid, v.catgroup, v.catname, v.catdesc];
    return prettyObject(pathOrders[i % pathOrders.length]!.map((c) => [numbered[c]!, cells[c]]));
  });
  return {
    'category_object_auto.json': objects((k) => k),
    'category_object_auto-ignorecase.json': objects((k) => camel[k]),
    'category_object_paths.json': paths.join('\n') + '\n',
    'category_jsonpath.json': prettyPaths(["$['one']", "$['two']", "$['three']", "$['four']"]),
    'category_array_data.json': values.map((v) => JSON.stringify([v.catid, v.catgroup, v.catname, v.catdesc])).join('\n') + '\n',
    'category_array_jsonpath.json': prettyPaths(['$[0]', '$[1]', '$[2]', '$[3]']),
  };
}

function prettyObject(fields: readonly [string, unknown][]): string {
  return `{\n${fields.map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

/** One object per line, except objects 2 and 3 which touch (`}{`), as in the guide. */
function joinObjects(objects: readonly string[]): string {
  return objects.map((o, i) => (i === 1 ? o : `${o}\n`)).join('');
}

function prettyPaths(paths: readonly string[]): string {
  return `{\n    "jsonpaths": [\n${paths.map((p) => `        ${JSON.stringify(p)}`).join(',\n')}\n    ]\n}\n`;
}

/** The guide's manifest layout: one compact entry per line. */
function manifest(entries: readonly object[]): string {
  return `{\n  "entries": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
}

function runTool(path: string, args: readonly string[], input: Uint8Array): Buffer {
  try {
    return execFileSync(path, args, { input, maxBuffer: 64 << 20 });
  } catch (err) {
    throw new Error(`could not run ${path} ${args.join(' ')} (needed to build the bzip2/zstd fixtures): ${(err as Error).message}`);
  }
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keys = writeS3Fixtures();
  console.log(`wrote ${keys.length} objects to ${join(S3_FIXTURE_ROOT, SAMPLE_BUCKET)}`);
}
