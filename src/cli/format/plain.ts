/**
 * The machine-friendly formats of `\pset format`: csv (as psql writes it), json and markdown
 * (Slicewise's own: psql 15 has neither). None of them prints a title or footers.
 */
import { isRightAligned, jsonKindOf, type JsonKind, type TextTable } from './table.js';
import { displayWidth, padEnd, padStart } from './width.js';

/** psql quotes a CSV field only when it holds the separator, a quote or a line break. */
function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function formatCsv(table: TextTable): string {
  const lines = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((_, i) => csvField(row[i] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * One value as JSON: numbers as numbers (text kept exactly, so DECIMALs lose no digits; NaN and
 * Infinity stay strings), booleans as true/false, NULL as null, everything else a string.
 */
function jsonValue(value: string | null, kind: JsonKind): string {
  if (value === null) return 'null';
  if (kind === 'number' && JSON_NUMBER.test(value)) return value;
  if (kind === 'boolean' && (value === 't' || value === 'f')) return value === 't' ? 'true' : 'false';
  return JSON.stringify(value);
}

/** An array of objects, one row a line, keys in column order. */
export function formatJson(table: TextTable): string {
  if (table.rows.length === 0) return '[]\n';
  const kinds = table.columns.map(jsonKindOf);
  const keys = table.columns.map((c) => JSON.stringify(c.name));
  const objects = table.rows.map((row) => `{${keys.map((k, i) => `${k}:${jsonValue(row[i] ?? null, kinds[i] ?? 'string')}`).join(',')}}`);
  return `[\n${objects.join(',\n')}\n]\n`;
}

/** A GitHub-flavoured Markdown table cell: pipes escaped, line breaks as <br>. */
function markdownCell(value: string | null): string {
  return (value ?? '').replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/** A padded Markdown table (readable as text too), numbers right-aligned with `---:`. */
export function formatMarkdown(table: TextTable): string {
  const header = table.columns.map((c) => markdownCell(c.name));
  const body = table.rows.map((row) => table.columns.map((_, i) => markdownCell(row[i] ?? null)));
  const widths = header.map((h, i) => Math.max(3, displayWidth(h), ...body.map((r) => displayWidth(r[i]!))));
  const right = table.columns.map(isRightAligned);
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (right[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return `${[line(header), rule, ...body.map(line)].join('\n')}\n`;
}
