/**
 * COPY's live progress on a terminal: one bar per slice (bytes read of the slice's share, rows
 * parsed), redrawn in place from the snapshots the cluster reports about every 100 ms. Slices that
 * were given no file say so — with one file only one slice works, which is the lesson of
 * "split your load into a multiple of the number of slices".
 */
import type { CopyProgress, SliceCopyProgress } from '../index.js';
import type { OutputStream, Paint } from './terminal.js';

const BAR_WIDTH = 24;

function megabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** One line of progress for a slice (or a group of slices added together). */
function barLine(label: string, p: Omit<SliceCopyProgress, 'slice' | 'node'>, paint: Paint): string {
  if (p.files === 0) return `${label}  ${paint.dim('(no files)')}`;
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : p.filesDone >= p.files ? 1 : 0;
  const filled = Math.floor(fraction * BAR_WIDTH);
  const bar = paint.green('#'.repeat(filled)) + paint.dim('.'.repeat(BAR_WIDTH - filled));
  const errors = p.errors > 0 ? paint.red(`  ${count(p.errors)} errors`) : '';
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${label} [${bar}] ${percent}  ${megabytes(p.bytesRead)} / ${megabytes(p.bytesTotal)}  ${count(p.rows)} rows${errors}`;
}

function sum(slices: readonly SliceCopyProgress[]): Omit<SliceCopyProgress, 'slice' | 'node'> {
  const total = { files: 0, filesDone: 0, bytesTotal: 0, bytesRead: 0, rows: 0, errors: 0 };
  for (const s of slices) {
    total.files += s.files;
    total.filesDone += s.filesDone;
    total.bytesTotal += s.bytesTotal;
    total.bytesRead += s.bytesRead;
    total.rows += s.rows;
    total.errors += s.errors;
  }
  return total;
}

/**
 * The lines to draw: per slice when they fit on the screen, else per compute node, else one total.
 */
export function progressLines(p: CopyProgress, paint: Paint, maxLines: number): string[] {
  const fileCount = sum(p.slices).files;
  const seconds = (p.elapsedMs / 1000).toFixed(1);
  const title = `COPY ${p.table}: ${fileCount} ${fileCount === 1 ? 'file' : 'files'} over ${p.slices.length} slices, ${seconds} s${p.simulated ? ' (simulated S3 throughput)' : ''}`;
  if (p.slices.length + 1 <= maxLines) {
    const width = String(p.slices.length - 1).length;
    return [title, ...p.slices.map((s) => barLine(`  slice ${String(s.slice).padStart(width)} (node ${s.node})`, s, paint))];
  }
  const nodes = [...new Set(p.slices.map((s) => s.node))];
  if (nodes.length + 1 <= maxLines) {
    return [title, ...nodes.map((n) => barLine(`  node ${n}`, sum(p.slices.filter((s) => s.node === n)), paint))];
  }
  return [title, barLine('  all slices', sum(p.slices), paint)];
}

/** Redraws the bars in place: up over the lines drawn last time, clear each, write anew. */
export class CopyBars {
  private drawn = 0;

  constructor(
    private readonly out: OutputStream,
    private readonly paint: Paint,
  ) {}

  update(p: CopyProgress): void {
    const rows = this.out.rows ?? 24;
    const lines = progressLines(p, this.paint, Math.max(2, rows - 2));
    let text = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    for (const line of lines) text += `\r\x1b[2K${line}\n`;
    // A shorter redraw (never expected) leaves no stale lines below.
    if (lines.length < this.drawn) text += '\x1b[J';
    this.out.write(text);
    this.drawn = lines.length;
  }
}
