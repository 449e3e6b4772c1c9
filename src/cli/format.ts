/**
 * Rendering for the REPL, the way psql renders a Redshift session: aligned tables, command tags,
 * notices, and errors with a caret under the position.
 */
import { SqlError, type Notice, type QueryResult } from '../index.js';

const NUMERIC_TYPE = /^(smallint|integer|bigint|numeric|real|double precision)\b/;

function isNumericType(sqlType: string): boolean {
  return NUMERIC_TYPE.test(sqlType);
}

/** C's `%.<digits>g`, which is how PostgreSQL prints float4 (6) and float8 (15) by default. */
export function formatFloat(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = x.toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= digits) {
    const sign = exponent < 0 ? '-' : '+';
    return `${stripFractionZeros(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return stripFractionZeros(x.toFixed(Math.max(0, digits - 1 - exponent)));
}

function stripFractionZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** One value as psql shows it (NULL is empty, booleans t/f). */
export function formatValue(value: unknown, sqlType: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (sqlType === 'real') return formatFloat(value, 6);
    if (sqlType === 'double precision') return formatFloat(value, 15);
    return String(value);
  }
  return String(value);
}

/** psql's command status line for statements that return no columns. */
export function commandTag(result: QueryResult): string {
  switch (result.command) {
    case 'INSERT':
      return `INSERT 0 ${result.rowCount}`;
    case 'UPDATE':
    case 'DELETE':
    case 'COPY':
    case 'SELECT':
      return `${result.command} ${result.rowCount}`;
    default:
      return result.command;
  }
}

function center(text: string, width: number): string {
  const total = width - text.length;
  const left = Math.floor(total / 2);
  return ' '.repeat(left) + text + ' '.repeat(total - left);
}

/**
 * psql's aligned format: centered header, a dashed separator, numbers right-aligned, text
 * left-aligned, no trailing blanks after the last column of a row, then "(N rows)" and a blank line.
 */
export function formatTable(result: QueryResult): string {
  const names = result.fields.map((f) => f.name);
  const rightAligned = result.fields.map((f) => isNumericType(f.type));
  const cells = result.rows.map((row) => result.fields.map((f) => formatValue(row[f.name], f.type)));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((r) => (r[i] ?? '').length)));
  const last = names.length - 1;

  const header = names.map((name, i) => ` ${center(name, widths[i] ?? 0)} `).join('|');
  const separator = widths.map((w) => '-'.repeat(w + 2)).join('+');
  const lines = cells.map((row) =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        if (rightAligned[i]) return i === last ? ` ${cell.padStart(width)}` : ` ${cell.padStart(width)} `;
        return i === last ? ` ${cell}` : ` ${cell.padEnd(width)} `;
      })
      .join('|'),
  );
  const n = result.rows.length;
  return [header, separator, ...lines, `(${n} ${n === 1 ? 'row' : 'rows'})`, ''].join('\n') + '\n';
}

/** A statement's output: its table when it returns columns, else its command tag. */
export function formatResult(result: QueryResult): string {
  return result.fields.length > 0 ? formatTable(result) : `${commandTag(result)}\n`;
}

export function formatNotice(notice: Notice): string {
  return `${notice.severity}:  ${notice.message}\n`;
}

/** `LINE n: <text of that line>` and a caret under the character at `position` (0-based). */
function positionLines(sql: string, position: number): string[] {
  const clamped = Math.min(Math.max(position, 0), sql.length);
  const lineStart = sql.lastIndexOf('\n', clamped - 1) + 1;
  const lineEndIndex = sql.indexOf('\n', clamped);
  const lineEnd = lineEndIndex === -1 ? sql.length : lineEndIndex;
  const lineNumber = sql.slice(0, lineStart).split('\n').length;
  const prefix = `LINE ${lineNumber}: `;
  return [prefix + sql.slice(lineStart, lineEnd), ' '.repeat(prefix.length + clamped - lineStart) + '^'];
}

/** An error as psql prints it: `ERROR:  message`, the LINE with a caret, DETAIL and HINT. */
export function formatError(error: unknown, sql: string): string {
  if (!(error instanceof SqlError)) {
    return `ERROR:  ${error instanceof Error ? error.message : String(error)}\n`;
  }
  const lines = [`${error.severity}:  ${error.message}`];
  if (error.position !== undefined) lines.push(...positionLines(sql, error.position));
  if (error.detail !== undefined) lines.push(`DETAIL:  ${error.detail}`);
  if (error.hint !== undefined) lines.push(`HINT:  ${error.hint}`);
  return lines.join('\n') + '\n';
}
