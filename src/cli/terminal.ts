/** Output streams and colour for terminals that want it: none when piped, with NO_COLOR set, or on a dumb terminal. */

/** What the REPL writes to: process.stdout/stderr, or a stand-in in tests. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

export interface Paint {
  red(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\x1b[${open}m${text}\x1b[${close}m`;
}

const COLOURED: Paint = { red: sgr(31, 39), green: sgr(32, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
export const NO_PAINT: Paint = { red: (t) => t, green: (t) => t, bold: (t) => t, dim: (t) => t };

export function paintFor(stream: OutputStream): Paint {
  const wanted = stream.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
  return wanted ? COLOURED : NO_PAINT;
}
