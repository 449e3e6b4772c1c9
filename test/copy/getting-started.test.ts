/**
 * The Redshift Getting Started COPY statements, unchanged but for the bucket name, against the
 * sample bucket shipped in fixtures/s3 — and the same data in every other shape the bucket holds
 * (split parts, gzip, bzip2, zstd, CSV, fixed width, JSON, manifests). Every load is compared value
 * by value with the table loaded by plain INSERTs from the original files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { TICKIT_ROW_COUNTS, loadTickitTable, tickitDdl, type TickitTable } from '../helpers/tickit.js';
import { SAMPLE_S3_ROOT, expectSameRows } from './helpers.js';

let db: Cluster;

/** Reference copies loaded through INSERT, named ref_<table>. */
beforeAll(async () => {
  db = await Cluster.start({ s3Root: SAMPLE_S3_ROOT });
  for (const t of ['category', 'date', 'event', 'venue'] as const) {
    await db.query(tickitDdl(t, { name: `ref_${t}` }));
    await loadTickitTable(db, t, `ref_${t}`);
  }
});
afterAll(async () => {
  await db.close();
});

async function freshTable(table: TickitTable, name: string = table): Promise<void> {
  await db.query(`drop table if exists ${name}`);
  await db.query(tickitDdl(table, { name }));
}

describe('Getting Started COPY statements (bucket name changed only)', () => {
  const statements: Record<Exclude<TickitTable, never>, string> = {
    venue: "copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
    category: "copy category from 's3://slicewise-sample/tickit/category_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
    date: "copy date from 's3://slicewise-sample/tickit/date2008_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
    event: "copy event from 's3://slicewise-sample/tickit/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS' region 'us-east-1';",
  };
  for (const [table, sql] of Object.entries(statements) as [TickitTable, string][]) {
    it(`loads ${table} with the documented row count and the same values as INSERT`, async () => {
      await freshTable(table);
      const r = await db.query(sql);
      expect(r.command).toBe('COPY');
      expect(r.rowCount).toBe(TICKIT_ROW_COUNTS[table]);
      expect(r.notices.map((n) => `${n.severity}: ${n.message}`)).toContain(
        `INFO: Load into table '${table}' completed, ${TICKIT_ROW_COUNTS[table]} record(s) loaded successfully.`,
      );
      expect((await db.query('select pg_last_copy_count() as n')).rows[0]!.n).toBe(BigInt(TICKIT_ROW_COUNTS[table]));
      await expectSameRows(db, table, `ref_${table}`);
    });
  }

  it('records one STL_LOAD_COMMITS and one STL_FILE_SCAN row per file, joined by pg_last_copy_id()', async () => {
    await freshTable('venue');
    await db.query(statements.venue);
    const commits = await db.query('select query, trim(filename) as file, lines_scanned, errors from stl_load_commits where query = pg_last_copy_id()');
    expect(commits.rows).toEqual([{ query: (await db.query('select pg_last_copy_id() as q')).rows[0]!.q, file: 's3://slicewise-sample/tickit/venue_pipe.txt', lines_scanned: 202, errors: 0 }]);
    const scans = await db.query('select trim(name) as name, lines, bytes, loadtime >= 0 as timed from stl_file_scan where query = pg_last_copy_id()');
    expect(scans.rows).toHaveLength(1);
    expect(scans.rows[0]).toMatchObject({ name: 'tickit/venue_pipe.txt', lines: 202n, timed: true });
  });
});

describe('the same data in other shapes', () => {
  const cases: readonly { name: string; table: TickitTable; sql: string }[] = [
    { name: 'four split parts (key prefix)', table: 'event', sql: "copy event from 's3://slicewise-sample/tickit/split/allevents_pipe.txt.' iam_role default timeformat 'YYYY-MM-DD HH:MI:SS'" },
    { name: 'four gzipped parts', table: 'event', sql: "copy event from 's3://slicewise-sample/tickit/gz/allevents_pipe.txt' iam_role default gzip timeformat 'YYYY-MM-DD HH:MI:SS'" },
    { name: 'a manifest of the parts', table: 'event', sql: "copy event from 's3://slicewise-sample/tickit/manifest/allevents.manifest' iam_role default manifest timeformat 'YYYY-MM-DD HH:MI:SS'" },
    { name: 'bzip2', table: 'venue', sql: "copy venue from 's3://slicewise-sample/tickit/bz2/venue_pipe.txt.bz2' iam_role default bzip2" },
    { name: 'zstd', table: 'venue', sql: "copy venue from 's3://slicewise-sample/tickit/zst/venue_pipe.txt.zst' iam_role default zstd" },
    { name: 'CSV with a header', table: 'venue', sql: "copy venue from 's3://slicewise-sample/tickit/csv/venue.csv' iam_role default csv ignoreheader 1" },
    { name: 'CSV category', table: 'category', sql: "copy category from 's3://slicewise-sample/tickit/csv/category.csv' iam_role default csv ignoreheader 1" },
    { name: "JSON 'auto'", table: 'category', sql: "copy category from 's3://slicewise-sample/tickit/json/category_object_auto.json' iam_role default json 'auto'" },
    { name: "JSON 'auto ignorecase'", table: 'category', sql: "copy category from 's3://slicewise-sample/tickit/json/category_object_auto-ignorecase.json' iam_role default json 'auto ignorecase'" },
    { name: 'JSON with a JSONPaths file', table: 'category', sql: "copy category from 's3://slicewise-sample/tickit/json/category_object_paths.json' iam_role default json 's3://slicewise-sample/tickit/json/category_jsonpath.json'" },
    { name: 'JSON arrays with a JSONPaths file', table: 'category', sql: "copy category from 's3://slicewise-sample/tickit/json/category_array_data.json' iam_role default json 's3://slicewise-sample/tickit/json/category_array_jsonpath.json'" },
  ];
  for (const c of cases) {
    it(`${c.name} loads the same rows as INSERT`, async () => {
      await freshTable(c.table);
      const r = await db.query(c.sql);
      expect(r.rowCount).toBe(TICKIT_ROW_COUNTS[c.table]);
      await expectSameRows(db, c.table, `ref_${c.table}`);
    });
  }

  it('fixed width (the guide\'s VENUE example layout)', async () => {
    await freshTable('venue');
    const r = await db.query("copy venue from 's3://slicewise-sample/tickit/fixedwidth/venue_fw.txt' iam_role default fixedwidth 'venueid:3,venuename:25,venuecity:12,venuestate:2,venueseats:6'");
    expect(r.rowCount).toBeGreaterThan(0);
    // Fixed-width fields are cut to their widths: compare with the reference cut the same way.
    const mismatches = await db.query(
      "select count(*) as n from venue v join ref_venue r on v.venueid = r.venueid where nvl(v.venuestate, '~') <> nvl(r.venuestate, '~') or nvl(v.venueseats, -1) <> nvl(r.venueseats, -1) or nvl(v.venuename, '~') <> nvl(left(r.venuename, 25), '~') or nvl(v.venuecity, '~') <> nvl(left(r.venuecity, 12), '~')",
    );
    expect(mismatches.rows[0]!.n).toBe(0n);
  });

  it('fixed width wide enough for every value loads the same rows as INSERT (trailing blanks aside, as VARCHAR compares)', async () => {
    await freshTable('venue');
    const r = await db.query("copy venue from 's3://slicewise-sample/tickit/fixedwidth/venue_fw_full.txt' iam_role default fixedwidth 'venueid:3,venuename:39,venuecity:16,venuestate:2,venueseats:6'");
    expect(r.rowCount).toBe(202);
    const mismatches = await db.query(
      "select count(*) as n from venue v full join ref_venue r on v.venueid = r.venueid where v.venueid is null or r.venueid is null or nvl(v.venuestate, '~') <> nvl(r.venuestate, '~') or nvl(v.venueseats, -1) <> nvl(r.venueseats, -1) or nvl(v.venuename, '~') <> nvl(r.venuename, '~') or nvl(v.venuecity, '~') <> nvl(r.venuecity, '~')",
    );
    expect(mismatches.rows[0]!.n).toBe(0n);
  });

  it('a manifest listing a part twice loads it twice; an optional missing file is skipped', async () => {
    await freshTable('event');
    const twice = await db.query("copy event from 's3://slicewise-sample/tickit/manifest/duplicate.manifest' iam_role default manifest timeformat 'YYYY-MM-DD HH:MI:SS'");
    expect(twice.rowCount).toBeGreaterThan(TICKIT_ROW_COUNTS.event);
    const dupes = await db.query('select count(*) as n from (select eventid from event group by eventid having count(*) = 2) d');
    expect(Number(dupes.rows[0]!.n)).toBe(twice.rowCount - TICKIT_ROW_COUNTS.event);
    await freshTable('event');
    const optional = await db.query("copy event from 's3://slicewise-sample/tickit/manifest/optional-missing.manifest' iam_role default manifest timeformat 'YYYY-MM-DD HH:MI:SS'");
    expect(optional.rowCount).toBeGreaterThan(0);
  });
});
