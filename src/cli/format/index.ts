/** Rendering for the REPL: tables in the current `\pset format` and `\x` mode, errors, notices, timing. */
import { formatAligned, formatExpanded } from './aligned.js';
import { formatCsv, formatJson, formatMarkdown } from './plain.js';
import type { TextTable } from './table.js';
import { displayWidth } from './width.js';

export { formatError, formatNotice, formatTiming, type MessageFields } from './messages.js';
export { TYPE_OID, type TableColumn, type TextTable } from './table.js';

export const OUTPUT_FORMATS = ['aligned', 'csv', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type ExpandedMode = 'on' | 'off' | 'auto';

export interface DisplaySettings {
  readonly format: OutputFormat;
  readonly expanded: ExpandedMode;
  /** Terminal width for `\x auto`; undefined when the output is not a terminal. */
  readonly terminalWidth: number | undefined;
}

/** `\x auto`: expanded only when the aligned table would be wider than the terminal. */
function useExpanded(table: TextTable, settings: DisplaySettings, aligned: string): boolean {
  if (settings.expanded !== 'auto') return settings.expanded === 'on';
  if (settings.terminalWidth === undefined) return false;
  return aligned.split('\n').some((line) => displayWidth(line) > settings.terminalWidth!) && table.rows.length > 0;
}

export function renderTable(table: TextTable, settings: DisplaySettings): string {
  switch (settings.format) {
    case 'aligned': {
      if (settings.expanded === 'on') return formatExpanded(table);
      const aligned = formatAligned(table);
      return useExpanded(table, settings, aligned) ? formatExpanded(table) : aligned;
    }
    case 'csv':
      return formatCsv(table);
    case 'json':
      return formatJson(table);
    case 'markdown':
      return formatMarkdown(table);
    default: {
      const unknown: never = settings.format;
      throw new Error(`unknown output format ${String(unknown)}`);
    }
  }
}
