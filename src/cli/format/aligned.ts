/**
 * psql's `aligned` format (border 1) and its expanded form (`\x`): centered headers, numbers
 * right-aligned, a `+` where a multi-line value continues, no blanks after the last column of a row.
 */
import { isRightAligned, rowCountLine, type TextTable } from './table.js';
import { center, displayWidth, padEnd, padStart } from './width.js';

/** A cell split into the lines it shows; NULL shows as nothing, as with psql's default `\pset null`. */
function cellLines(value: string | null): string[] {
  return value === null ? [''] : value.split('\n');
}

function maxLineWidth(lines: readonly string[]): number {
  let width = 0;
  for (const line of lines) width = Math.max(width, displayWidth(line));
  return width;
}

/** The title centered over `width` columns, without trailing blanks (as psql prints it). */
function titleLine(title: string, width: number): string {
  const indent = Math.max(0, Math.floor((width - displayWidth(title)) / 2));
  return ' '.repeat(indent) + title;
}

/**
 * The printed lines of one table row whose cells may span several lines. `headers` centers every
 * cell and keeps the blank after the last column, as psql does for the header row.
 */
function rowLines(cells: readonly string[][], widths: readonly number[], rightAligned: readonly boolean[], headers: boolean): string[] {
  const height = Math.max(1, ...cells.map((c) => c.length));
  const last = cells.length - 1;
  const out: string[] = [];
  for (let l = 0; l < height; l++) {
    let line = '';
    cells.forEach((cell, i) => {
      const text = cell[l] ?? '';
      const width = widths[i]!;
      const continues = l < cell.length - 1;
      const body = headers ? center(text, width) : rightAligned[i] ? padStart(text, width) : padEnd(text, width);
      if (i < last) line += ` ${body}${continues ? '+' : ' '}|`;
      else if (continues) line += ` ${body}+`;
      else if (headers) line += ` ${body} `;
      // The last column is not padded, not even a number below which nothing is left to show.
      else line += ` ${rightAligned[i] && l < cell.length ? body : text}`;
    });
    out.push(line);
  }
  return out;
}

export function formatAligned(table: TextTable): string {
  const headerCells = table.columns.map((c) => c.name.split('\n'));
  const bodyCells = table.rows.map((row) => table.columns.map((_, i) => cellLines(row[i] ?? null)));
  const widths = table.columns.map((_, i) => Math.max(maxLineWidth(headerCells[i]!), ...bodyCells.map((r) => maxLineWidth(r[i]!))));
  const rightAligned = table.columns.map(isRightAligned);
  const totalWidth = widths.reduce((sum, w) => sum + w + 2, 0) + Math.max(0, widths.length - 1);

  const lines: string[] = [];
  if (table.title !== undefined) lines.push(titleLine(table.title, totalWidth));
  lines.push(...rowLines(headerCells, widths, rightAligned, true));
  lines.push(widths.map((w) => '-'.repeat(w + 2)).join('+'));
  for (const row of bodyCells) lines.push(...rowLines(row, widths, rightAligned, false));
  lines.push(...(table.footers ?? []));
  if (table.countRows) lines.push(rowCountLine(table.rows.length));
  return `${lines.join('\n')}\n\n`;
}

/**
 * psql's `-[ RECORD n ]` header: the label, then dashes to the end of the name column, a `+`
 * under the column separator and dashes over the values. A label longer than the name column
 * swallows the `+` and as many dashes as it overlaps.
 */
function recordHeader(n: number, nameWidth: number, valueWidth: number): string {
  const label = `-[ RECORD ${n} ]`;
  let line = label + '-'.repeat(Math.max(0, nameWidth - label.length));
  let overflow = label.length - nameWidth;
  for (const mark of ['-', '+', '-']) if (overflow-- <= 0) line += mark;
  return line + '-'.repeat(Math.max(0, valueWidth - Math.max(0, overflow)));
}

export function formatExpanded(table: TextTable): string {
  const names = table.columns.map((c) => c.name);
  const nameWidth = Math.max(0, ...names.map(displayWidth));
  const records = table.rows.map((row) => table.columns.map((_, i) => cellLines(row[i] ?? null)));
  const valueWidth = Math.max(0, ...records.flatMap((r) => r.map(maxLineWidth)));

  const lines: string[] = [];
  if (table.title !== undefined) lines.push(table.title);
  records.forEach((record, r) => {
    lines.push(recordHeader(r + 1, nameWidth, valueWidth));
    record.forEach((valueLines, i) => {
      valueLines.forEach((text, l) => {
        const name = l === 0 ? names[i]! : '';
        const continues = l < valueLines.length - 1;
        lines.push(`${padEnd(name, nameWidth)} | ${continues ? `${padEnd(text, valueWidth)}+` : text}`);
      });
    });
  });
  lines.push(...(table.footers ?? []));
  // psql counts rows in expanded mode only when there are none to show.
  if (table.countRows && table.rows.length === 0) lines.push(rowCountLine(0));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`;
}
