/**
 * Errors and notices as psql prints them: `ERROR:  message`, then the statement line holding the
 * error's position with a caret under it (cut to about 60 columns around the caret, as libpq
 * does), then DETAIL and HINT.
 */
import { SqlError } from '../../index.js';
import { codePointWidth, displayWidth } from './width.js';

/** libpq shows at most this many columns of the statement line, keeping 10 right of the caret. */
const DISPLAY_SIZE = 60;
const MIN_RIGHT_CUT = 10;

export interface MessageFields {
  readonly severity: string;
  readonly message: string;
  readonly detail?: string | undefined;
  readonly hint?: string | undefined;
}

/**
 * `LINE n: <the line>` and the caret line for a 0-based `position` into `sql`, or [] when the
 * position lies past the end. Tabs show as one blank; a line break is \n, \r or \r\n.
 */
function positionLines(sql: string, position: number): string[] {
  if (position < 0 || position > sql.length) return [];
  const chars = [...sql];
  // Character index of the error (the position counts UTF-16 units, as JavaScript strings do).
  let loc = 0;
  for (let units = 0; loc < chars.length && units < position; loc++) units += chars[loc]!.length;

  // offsets[i]: screen columns before character i, counted from the start of the statement.
  const offsets: number[] = [];
  let column = 0;
  let line = 1;
  let begin = 0;
  let end = chars.length;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    offsets[i] = column;
    if (ch === '\n' || ch === '\r') {
      if (i >= loc) {
        end = i;
        break;
      }
      if (ch === '\r' || i === 0 || chars[i - 1] !== '\r') line++;
      begin = i + 1;
    }
    column += Math.max(1, codePointWidth(ch.codePointAt(0)!));
  }
  offsets[end] ??= column;
  offsets[loc] ??= column;

  let cutLeft = false;
  let cutRight = false;
  const width = (from: number, to: number): number => offsets[to]! - offsets[from]!;
  if (width(begin, end) > DISPLAY_SIZE) {
    if (offsets[begin]! + DISPLAY_SIZE >= offsets[loc]! + MIN_RIGHT_CUT) {
      // Cutting the right side is enough.
      while (width(begin, end) > DISPLAY_SIZE) end--;
      cutRight = true;
    } else {
      while (offsets[loc]! + MIN_RIGHT_CUT < offsets[end]!) {
        end--;
        cutRight = true;
      }
      while (width(begin, end) > DISPLAY_SIZE) {
        begin++;
        cutLeft = true;
      }
    }
  }
  const prefix = `LINE ${line}: ${cutLeft ? '...' : ''}`;
  const text = chars.slice(begin, end).join('').replaceAll('\t', ' ');
  const caretColumn = displayWidth(prefix) + width(begin, loc);
  return [`${prefix}${text}${cutRight ? '...' : ''}`, `${' '.repeat(caretColumn)}^`];
}

/**
 * An error as psql prints it. `sql` is the statement that failed (for the caret); `prefix` goes
 * before the first line only (`slicewise:file.sql:3: ` for scripts).
 */
export function formatError(error: unknown, sql: string, prefix = ''): string {
  if (!(error instanceof SqlError)) return `${prefix}ERROR:  ${error instanceof Error ? error.message : String(error)}\n`;
  const lines = [`${prefix}${error.severity}:  ${error.message}`];
  if (error.position !== undefined) lines.push(...positionLines(sql, error.position));
  lines.push(...detailLines(error));
  return `${lines.join('\n')}\n`;
}

function detailLines(m: { readonly detail?: string | undefined; readonly hint?: string | undefined }): string[] {
  const lines: string[] = [];
  if (m.detail !== undefined) lines.push(`DETAIL:  ${m.detail}`);
  if (m.hint !== undefined) lines.push(`HINT:  ${m.hint}`);
  return lines;
}

/** An INFO/NOTICE/WARNING as psql prints it. */
export function formatNotice(notice: MessageFields, prefix = ''): string {
  return `${[`${prefix}${notice.severity}:  ${notice.message}`, ...detailLines(notice)].join('\n')}\n`;
}

/** psql's `\timing` line: milliseconds, and from one second on also (hh:)mm:ss.fff. */
export function formatTiming(ms: number): string {
  const text = `Time: ${ms.toFixed(3)} ms`;
  if (ms < 1000) return `${text}\n`;
  let seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const ss = seconds.toFixed(3).padStart(6, '0');
  if (minutes < 60) return `${text} (${String(minutes).padStart(2, '0')}:${ss})\n`;
  const hours = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(2, '0');
  if (hours < 24) return `${text} (${String(hours).padStart(2, '0')}:${mm}:${ss})\n`;
  return `${text} (${Math.floor(hours / 24)} d ${String(hours % 24).padStart(2, '0')}:${mm}:${ss})\n`;
}
