/**
 * Rows of COPY's logs: STL_LOAD_ERRORS (one per rejected record), STL_REPLACEMENTS (one per record
 * loaded with ACCEPTINVCHARS replacements, at most 100 per reading slice), STL_LOAD_COMMITS (one per file or
 * scan range read) and STL_FILE_SCAN (which slice read which file, and how long it took). Like
 * Redshift's for a superuser, every session's loads are visible.
 */
import { pad, type Row, type RowsContext } from './context.js';

/** Truncates to a CHAR(n) column's width (in bytes, but log text is kept ASCII by the converter) and pads. */
function charN(s: string, n: number): string {
  return pad(s.length > n ? s.slice(0, n) : s, n);
}

export const LOAD_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  stl_load_errors: ({ env }) =>
    env.log.loads.errors.map((e) => [
      e.userid, e.slice, e.tbl, e.starttime, e.session, e.query, charN(e.filename, 256), BigInt(e.lineNumber), charN(e.colname, 127),
      charN(e.type, 10), charN(e.colLength, 10), e.position, charN(e.rawLine, 1024), charN(e.rawFieldValue, 1024), e.errCode,
      charN(e.errReason, 100), e.isPartial ? 1 : 0, BigInt(e.startOffset), 0n,
    ]),
  stl_loaderror_detail: ({ env }) =>
    env.log.loads.errors.flatMap((e) =>
      e.fields.map((f) => [
        e.userid, e.slice, e.session, e.query, charN(e.filename, 256), BigInt(e.lineNumber), f.field, charN(f.colname, 1024), charN(f.value, 1024),
        f.isNull ? 1 : 0, charN(f.type, 10), f.colLength,
      ]),
    ),
  sys_load_history: ({ env }) =>
    env.log.loads.loads.map((l) => [
      l.userid, BigInt(l.query), BigInt(l.xid), l.session, l.database, l.status, l.tableName, l.startTime, l.endTime,
      l.endTime === null ? null : BigInt(l.endTime - l.startTime), l.dataSource.slice(0, 256), l.fileFormat, BigInt(l.loadedRows),
      BigInt(l.loadedBytes), l.sourceFileCount, BigInt(l.sourceFileBytes), l.fileCountScanned, BigInt(l.fileBytesScanned), BigInt(l.errorCount), 0n,
    ]),
  sys_load_error_detail: ({ env }) => {
    const loads = new Map(env.log.loads.loads.map((l) => [l.query, l]));
    return env.log.loads.errors.map((e) => {
      const load = loads.get(e.query);
      return [
        e.userid, BigInt(e.query), BigInt(load?.xid ?? 0), e.session, charN(load?.database ?? '', 64), e.tbl, e.starttime, charN(e.filename, 256),
        BigInt(e.lineNumber), charN(e.colname, 127), charN(e.type, 10), charN(e.colLength, 10), e.position, e.errCode, charN(e.errReason, 512),
      ];
    });
  },
  sys_load_detail: ({ env }) =>
    env.log.loads.files.map((f) => [f.userid, f.query, charN(f.filename, 256), f.bytes, f.lines, f.endTime, 1, f.startTime, f.endTime]),
  stl_replacements: ({ env }) =>
    env.log.loads.replacements.map((r) => [
      r.userid, r.query, r.slice, r.tbl, r.starttime, r.session, charN(r.filename, 256), BigInt(r.lineNumber), charN(r.colname, 127),
      charN(r.rawLine, 1024),
    ]),
  stl_load_commits: ({ env }) =>
    env.log.loads.files.map((f) => [
      f.userid, f.query, f.slice, charN(f.filename, 256), charN(f.filename, 256), 0, f.lines, f.errors, f.endTime, 0,
      charN(f.fileFormat, 16), f.isPartial ? 1 : 0, BigInt(f.startOffset), 0n,
    ]),
  stl_file_scan: ({ env }) =>
    env.log.loads.files.map((f) => [
      f.userid, f.query, f.slice, charN(f.key, 90), BigInt(f.lines), BigInt(f.bytes), BigInt(Math.max(0, f.endTime - f.startTime)), f.endTime,
      f.isPartial ? 1 : 0, BigInt(f.startOffset),
    ]),
};
