/**
 * COPY's keywords (parsed generically as `name [AS] args`) turned into a validated plan: where the
 * data comes from, how to read it (io/load-options.ts), and the load operation parameters. Redshift's
 * defaults are applied here and incompatible combinations rejected with the offending option's
 * position (reference §1.1–§1.7).
 */
import type * as ast from '../sql/ast.js';
import type { Compression, ConversionOptions, DataFormat, LoadOptions, RecordOptions, SourceEncoding } from '../io/load-options.js';
import { SqlError, SqlState } from '../types/index.js';

export interface CopyPlan {
  /** FROM: an s3:// prefix, or with MANIFEST the manifest object. */
  readonly source: string;
  readonly manifest: boolean;
  /** JSON 's3://…' : the JSONPaths file the leader reads before the load. */
  readonly jsonPathsUrl: string | null;
  readonly load: LoadOptions;
  /** MAXERROR n (default 0), or null with IGNOREALLERRORS. */
  readonly maxError: number | null;
  readonly noLoad: boolean;
  readonly explicitIds: boolean;
  /** Options accepted and validated but not emulated (STATUPDATE, COMPUPDATE, ...), for a NOTICE. */
  readonly acceptedOnly: readonly string[];
}

const MAXERROR_LIMIT = 100_000;

/** Options that take no argument. */
const FLAGS: ReadonlySet<string> = new Set([
  'csv', 'gzip', 'bzip2', 'zstd', 'lzop', 'manifest', 'escape', 'removequotes', 'emptyasnull', 'blanksasnull',
  'fillrecord', 'ignoreblanklines', 'truncatecolumns', 'trimblanks', 'acceptanydate', 'roundec', 'explicit_ids',
  'noload', 'ignoreallerrors', 'encrypted', 'parquet', 'orc', 'avro', 'json',
]);

/** Every keyword COPY knows (the emulator rejects some of them as unsupported below). */
const KNOWN: ReadonlySet<string> = new Set([
  ...FLAGS,
  'iam_role', 'credentials', 'with', 'access_key_id', 'secret_access_key', 'session_token', 'master_symmetric_key', 'region',
  'format', 'quote', 'delimiter', 'fixedwidth', 'shapefile', 'null', 'acceptinvchars', 'dateformat', 'timeformat',
  'encoding', 'ignoreheader', 'maxerror', 'comprows', 'compupdate', 'statupdate', 'readratio', 'ssh',
]);

/** Parameters a columnar (Parquet) COPY accepts besides authorization (reference §1.4.2). */
const COLUMNAR_ALLOWED: ReadonlySet<string> = new Set([
  'format', 'parquet', 'iam_role', 'credentials', 'access_key_id', 'secret_access_key', 'session_token', 'region',
  'manifest', 'explicit_ids', 'acceptinvchars', 'fillrecord', 'statupdate', 'compupdate',
]);

function fail(message: string, option: { pos: number } | undefined, code: string = SqlState.invalidParameterValue): never {
  throw new SqlError(code, message, option ? { position: option.pos } : {});
}

/** Options by name; a repeated option is an error, as in Redshift ("conflicting or redundant options"). */
function indexOptions(options: readonly ast.CommandOption[]): Map<string, ast.CommandOption> {
  const byName = new Map<string, ast.CommandOption>();
  for (const o of options) {
    const name = o.name === 'format' ? `format:${o.args[0] ?? ''}` : o.name;
    if (!KNOWN.has(o.name)) fail(`syntax error at or near "${o.name.toUpperCase()}"`, o, SqlState.syntaxError);
    if (byName.has(name)) fail(`conflicting or redundant options: ${o.name.toUpperCase()} given twice`, o, SqlState.syntaxError);
    // FORMAT [AS] x is the same as x.
    if (o.name === 'format') {
      const [format, ...rest] = o.args;
      if (format === undefined) fail('FORMAT needs a data format', o, SqlState.syntaxError);
      byName.set(format, { ...o, name: format, args: rest });
    } else byName.set(name, o);
  }
  for (const o of byName.values()) {
    if (FLAGS.has(o.name) && o.name !== 'json' && o.name !== 'csv' && o.name !== 'parquet' && o.args.length > 0) {
      fail(`${o.name.toUpperCase()} takes no argument`, o, SqlState.syntaxError);
    }
  }
  return byName;
}

function stringArg(o: ast.CommandOption): string {
  if (o.args.length !== 1) fail(`${o.name.toUpperCase()} needs one argument`, o, SqlState.syntaxError);
  return o.args[0]!;
}

function intArg(o: ast.CommandOption, min: number, max: number): number {
  const text = stringArg(o);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    fail(`${o.name.toUpperCase()} must be an integer from ${min} to ${max}, got '${text}'`, o);
  }
  return n;
}

/**
 * A one-byte character given in COPY's notation: the character itself, `\t`, `\n`, `\\` or octal
 * `\ddd` (reference §1.4 DELIMITER).
 */
function singleByte(o: ast.CommandOption, what: string): number {
  const text = stringArg(o);
  let code: number | undefined;
  if (text.length === 1) code = text.charCodeAt(0);
  else if (text === '\\t') code = 9;
  else if (text === '\\n') code = 10;
  else if (text === '\\\\') code = 92;
  else if (/^\\[0-7]{3}$/.test(text)) code = parseInt(text.slice(1), 8);
  if (code === undefined || code > 0x7f) fail(`${what} must be a single ASCII character, got '${text}'`, o);
  return code;
}

/** NULL AS text: `\0` / `\000` mean the NUL character; anything else is taken as written (`\N` is backslash N). */
function nullAsText(o: ast.CommandOption): string {
  const text = stringArg(o);
  return text === '\\0' || text === '\\000' ? '\0' : text;
}

function validateAuthorization(opts: Map<string, ast.CommandOption>): void {
  const iam = opts.get('iam_role');
  const creds = opts.get('credentials') ?? opts.get('with');
  const keyId = opts.get('access_key_id');
  const secret = opts.get('secret_access_key');
  const token = opts.get('session_token');
  if (creds && (iam || keyId)) fail('CREDENTIALS cannot be combined with IAM_ROLE or ACCESS_KEY_ID', creds);
  if (iam && keyId) fail('IAM_ROLE cannot be combined with ACCESS_KEY_ID and SECRET_ACCESS_KEY', keyId);
  if (!iam && !creds && !keyId && !secret) {
    fail('COPY needs authorization: IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY', undefined, SqlState.syntaxError);
  }
  if (iam) {
    const role = stringArg(iam);
    if (role !== 'default' && !role.split(',').every((r) => IAM_ROLE_ARN.test(r.trim()))) {
      fail(`Invalid IAM_ROLE '${role}': expected default or arn:aws:iam::<account-id>:role/<role-name> (chained roles separated by commas)`, iam);
    }
  }
  if (keyId || secret) {
    if (!keyId || !secret) fail('ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together', keyId ?? secret);
    if (!ACCESS_KEY_ID.test(stringArg(keyId))) fail(`Invalid ACCESS_KEY_ID '${stringArg(keyId)}'`, keyId);
    if (stringArg(secret).length < 16) fail('Invalid SECRET_ACCESS_KEY', secret);
  }
  if (token && !keyId) fail('SESSION_TOKEN needs ACCESS_KEY_ID and SECRET_ACCESS_KEY', token);
  if (creds && !validCredentialsString(stringArg(creds))) {
    fail(`Invalid credentials. Must be of the format: credentials 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'`, creds);
  }
  const region = opts.get('region');
  if (region && !REGION.test(stringArg(region))) fail(`Invalid REGION '${stringArg(region)}'`, region);
}

const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

/** `aws_iam_role=arn` or `aws_access_key_id=..;aws_secret_access_key=..[;token=..][;master_symmetric_key=..]`, no spaces. */
function validCredentialsString(text: string): boolean {
  if (/\s/.test(text)) return false;
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return false;
    parts.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const allowed = new Set(['aws_iam_role', 'aws_access_key_id', 'aws_secret_access_key', 'token', 'master_symmetric_key']);
  if ([...parts.keys()].some((k) => !allowed.has(k))) return false;
  if (parts.has('aws_iam_role')) return !parts.has('aws_access_key_id') && parts.get('aws_iam_role')!.split(',').every((r) => IAM_ROLE_ARN.test(r));
  return parts.has('aws_access_key_id') && parts.has('aws_secret_access_key');
}

function dataFormat(opts: Map<string, ast.CommandOption>): { format: DataFormat; jsonPathsUrl: string | null } {
  const formats = ['csv', 'json', 'parquet', 'fixedwidth', 'avro', 'orc', 'shapefile'].filter((f) => opts.has(f));
  if (formats.length > 1) fail(`${formats[0]!.toUpperCase()} and ${formats[1]!.toUpperCase()} cannot be used together`, opts.get(formats[1]!));
  const chosen = formats[0];
  for (const unsupported of ['avro', 'orc', 'shapefile']) {
    if (chosen === unsupported) fail(`COPY FORMAT ${unsupported.toUpperCase()} is not supported in Slicewise`, opts.get(unsupported), SqlState.featureNotSupported);
  }
  const delimiterOpt = opts.get('delimiter');
  const notWith = (what: string, names: readonly string[]): void => {
    for (const n of names) if (opts.has(n)) fail(`${n.toUpperCase()} cannot be used with ${what}`, opts.get(n));
  };
  if (opts.has('quote') && chosen !== 'csv') fail('QUOTE can only be used with CSV', opts.get('quote'));
  switch (chosen) {
    case 'csv': {
      notWith('CSV', ['escape', 'removequotes']);
      const quoteOpt = opts.get('quote');
      const csvArgs = opts.get('csv')!.args;
      if (csvArgs.length > 0) fail('CSV takes no argument (use QUOTE AS)', opts.get('csv'), SqlState.syntaxError);
      return {
        format: { kind: 'csv', delimiter: delimiterOpt ? singleByte(delimiterOpt, 'DELIMITER') : 0x2c, quote: quoteOpt ? singleByte(quoteOpt, 'QUOTE') : 0x22 },
        jsonPathsUrl: null,
      };
    }
    case 'fixedwidth': {
      notWith('FIXEDWIDTH', ['delimiter', 'escape', 'removequotes']);
      const spec = opts.get('fixedwidth')!;
      const columns = stringArg(spec).split(',').map((part) => {
        const m = /^\s*([^:]+?)\s*:\s*(\d+)\s*$/.exec(part);
        if (!m || Number(m[2]) < 1) fail(`Invalid FIXEDWIDTH specification '${part}': expected label:width`, spec);
        return { label: m[1]!, width: Number(m[2]) };
      });
      return { format: { kind: 'fixedwidth', columns }, jsonPathsUrl: null };
    }
    case 'json': {
      notWith('JSON', ['delimiter', 'escape', 'fillrecord', 'ignoreblanklines', 'null', 'removequotes', 'readratio']);
      const o = opts.get('json')!;
      const arg = o.args.length === 0 ? 'auto' : stringArg(o);
      if (arg === 'auto' || arg === 'auto ignorecase') return { format: { kind: 'json', mode: arg }, jsonPathsUrl: null };
      if (arg === 'noshred') fail("JSON 'noshred' needs a SUPER column, which Slicewise does not support", o, SqlState.featureNotSupported);
      if (!arg.startsWith('s3://')) fail(`Invalid JSON option '${arg}': expected 'auto', 'auto ignorecase' or the s3:// path of a JSONPaths file`, o);
      return { format: { kind: 'json', mode: 'jsonpaths', paths: [] }, jsonPathsUrl: arg };
    }
    case 'parquet': {
      for (const name of opts.keys()) {
        if (!COLUMNAR_ALLOWED.has(name)) fail(`${name.toUpperCase()} argument is not supported for PARQUET based COPY`, opts.get(name));
      }
      return { format: { kind: 'parquet' }, jsonPathsUrl: null };
    }
    default: {
      return {
        format: {
          kind: 'text',
          delimiter: delimiterOpt ? singleByte(delimiterOpt, 'DELIMITER') : 0x7c,
          escape: opts.has('escape'),
          removeQuotes: opts.has('removequotes'),
        },
        jsonPathsUrl: null,
      };
    }
  }
}

function compression(opts: Map<string, ast.CommandOption>): Compression {
  const given = (['gzip', 'bzip2', 'zstd', 'lzop'] as const).filter((c) => opts.has(c));
  if (given.length > 1) fail(`${given[0]!.toUpperCase()} and ${given[1]!.toUpperCase()} cannot be used together`, opts.get(given[1]!));
  if (given[0] === 'lzop') fail('LZOP is not supported in Slicewise (GZIP, BZIP2 and ZSTD are)', opts.get('lzop'), SqlState.featureNotSupported);
  return given[0] ?? 'none';
}

function encoding(opts: Map<string, ast.CommandOption>): SourceEncoding {
  const o = opts.get('encoding');
  if (!o) return 'utf8';
  const e = stringArg(o).toLowerCase().replace('-', '');
  if (e === 'utf8' || e === 'utf16' || e === 'utf16le' || e === 'utf16be') return e;
  return fail(`Invalid ENCODING '${stringArg(o)}': expected UTF8, UTF16, UTF16LE or UTF16BE`, o);
}

function timeFormat(o: ast.CommandOption | undefined): string | null {
  if (!o) return null;
  const f = stringArg(o);
  return f.toLowerCase() === 'epochsecs' || f.toLowerCase() === 'epochmillisecs' ? f.toLowerCase() : f;
}

export function planCopy(stmt: ast.Copy): CopyPlan {
  const opts = indexOptions(stmt.options);
  validateAuthorization(opts);
  for (const unsupported of ['ssh', 'readratio', 'encrypted', 'master_symmetric_key'] as const) {
    const o = opts.get(unsupported);
    if (o) fail(`COPY ${unsupported.toUpperCase()} is not supported in Slicewise`, o, SqlState.featureNotSupported);
  }
  if (!stmt.from.startsWith('s3://')) {
    const scheme = /^[a-z]+:\/\//.exec(stmt.from)?.[0] ?? stmt.from;
    fail(`COPY from '${scheme}' is not supported in Slicewise: only s3:// sources (resolved under the cluster's S3 root)`, stmt, SqlState.featureNotSupported);
  }
  const { format, jsonPathsUrl } = dataFormat(opts);
  const maxErrorOpt = opts.get('maxerror');
  const ignoreAll = opts.get('ignoreallerrors');
  if (ignoreAll && maxErrorOpt) fail('IGNOREALLERRORS cannot be combined with MAXERROR', ignoreAll);
  if (opts.has('acceptinvchars')) {
    const a = opts.get('acceptinvchars')!;
    if (a.args.length > 1) fail('ACCEPTINVCHARS takes at most one replacement character', a, SqlState.syntaxError);
  }
  const records: RecordOptions = {
    ignoreHeader: opts.has('ignoreheader') ? intArg(opts.get('ignoreheader')!, 0, 2 ** 31 - 1) : 0,
    ignoreBlankLines: opts.has('ignoreblanklines'),
    fillRecord: opts.has('fillrecord'),
  };
  const conversion: ConversionOptions = {
    nullAs: opts.has('null') ? nullAsText(opts.get('null')!) : '\\N',
    emptyAsNull: opts.has('emptyasnull'),
    blanksAsNull: opts.has('blanksasnull'),
    truncateColumns: opts.has('truncatecolumns'),
    trimBlanks: opts.has('trimblanks'),
    acceptInvChars: acceptInvChars(opts.get('acceptinvchars')),
    acceptAnyDate: opts.has('acceptanydate'),
    dateFormat: opts.has('dateformat') ? stringArg(opts.get('dateformat')!) : 'YYYY-MM-DD',
    timeFormat: timeFormat(opts.get('timeformat')),
    roundDec: opts.has('roundec'),
  };
  const acceptedOnly = ['compupdate', 'statupdate', 'comprows'].filter((n) => opts.has(n)).map((n) => n.toUpperCase());
  if (opts.has('comprows')) intArg(opts.get('comprows')!, 1000, 2 ** 31 - 1);
  return {
    source: stmt.from,
    manifest: opts.has('manifest'),
    jsonPathsUrl,
    load: { format, compression: compression(opts), encoding: encoding(opts), records, conversion },
    maxError: ignoreAll ? null : maxErrorOpt ? intArg(maxErrorOpt, 0, MAXERROR_LIMIT) : 0,
    noLoad: opts.has('noload'),
    explicitIds: opts.has('explicit_ids'),
    acceptedOnly,
  };
}

/** ACCEPTINVCHARS [AS 'c']: default replacement '?'; any ASCII character but NUL. */
function acceptInvChars(o: ast.CommandOption | undefined): string | null {
  if (!o) return null;
  if (o.args.length === 0) return '?';
  const c = o.args[0]!;
  if (c.length !== 1 || c.charCodeAt(0) === 0 || c.charCodeAt(0) > 0x7f) fail(`ACCEPTINVCHARS replacement must be one ASCII character other than NUL, got '${c}'`, o);
  return c;
}
