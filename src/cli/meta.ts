/** The backslash meta-commands: settings, files, describe, help and the TICKIT loader. */
import { readFile } from 'node:fs/promises';
import { DESCRIBE_COMMANDS, describeCommand } from './describe.js';
import { OUTPUT_FORMATS, type ExpandedMode, type OutputFormat } from './format/index.js';
import { HELP_TEXT } from './help.js';
import { InputProcessor, type LineOutcome, type MetaContext } from './input.js';
import type { Shell, SourceLocation } from './shell.js';
import { loadTickit } from './tickit.js';

/** psql's boolean words: on/off, true/false, yes/no, 1/0 (any unambiguous prefix of the words). */
function parseBoolean(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === '1' || t === 'on' || (t.length > 0 && ('true'.startsWith(t) || 'yes'.startsWith(t)))) return true;
  if (t === '0' || (t.length > 1 && 'off'.startsWith(t)) || (t.length > 0 && ('false'.startsWith(t) || 'no'.startsWith(t)))) return false;
  return undefined;
}

function setTiming(shell: Shell, args: readonly string[], at: SourceLocation | undefined): void {
  if (args[0] !== undefined) {
    const value = parseBoolean(args[0]);
    if (value === undefined) shell.warn(`unrecognized value "${args[0]}" for "\\timing": Boolean expected`, at);
    else shell.settings.timing = value;
  } else shell.settings.timing = !shell.settings.timing;
  shell.message(`Timing is ${shell.settings.timing ? 'on' : 'off'}.`);
}

const EXPANDED_MESSAGES: Readonly<Record<ExpandedMode, string>> = {
  on: 'Expanded display is on.',
  off: 'Expanded display is off.',
  auto: 'Expanded display is used automatically.',
};

function setExpanded(shell: Shell, args: readonly string[], at: SourceLocation | undefined): void {
  const arg = args[0];
  if (arg === undefined) shell.settings.expanded = shell.settings.expanded === 'on' ? 'off' : 'on';
  else if (arg.toLowerCase() === 'auto') shell.settings.expanded = 'auto';
  else {
    const value = parseBoolean(arg);
    if (value === undefined) {
      shell.warn(`unrecognized value "${arg}" for "expanded"\nAvailable values are: on, off, auto.`, at);
      return;
    }
    shell.settings.expanded = value ? 'on' : 'off';
  }
  shell.message(EXPANDED_MESSAGES[shell.settings.expanded]);
}

function pset(shell: Shell, args: readonly string[], at: SourceLocation | undefined): void {
  const [option, value] = args;
  if (option === undefined) {
    shell.message(`expanded  ${shell.settings.expanded}\nformat    ${shell.settings.format}`);
    return;
  }
  if (option === 'expanded' || option === 'x') {
    setExpanded(shell, value === undefined ? [] : [value], at);
    return;
  }
  if (option !== 'format') {
    shell.warn(`\\pset: unknown option: ${option}`, at);
    return;
  }
  if (value !== undefined) {
    // psql accepts any unique prefix of a format name.
    const candidates = OUTPUT_FORMATS.filter((f) => f.startsWith(value.toLowerCase()));
    if (candidates.length !== 1) {
      shell.warn(`\\pset: allowed formats are ${OUTPUT_FORMATS.join(', ')}`, at);
      return;
    }
    shell.settings.format = candidates[0] as OutputFormat;
  }
  shell.message(`Output format is ${shell.settings.format}.`);
}

/** `\i file`: the file's lines through a query buffer of their own; `\q` in it quits everything. */
export async function runFile(shell: Shell, path: string): Promise<LineOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (error as Error).message;
    shell.warn(`${path}: ${reason}`);
    return 'continue';
  }
  return runText(shell, text, path);
}

/** Feed `text` line by line; `fileName` (for scripts) prefixes error messages with file and line. */
export async function runText(shell: Shell, text: string, fileName: string | undefined): Promise<LineOutcome> {
  const processor = new InputProcessor(shell, runMetaCommand, fileName);
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if ((await processor.line(line)) === 'quit') return 'quit';
  }
  await processor.end();
  return 'continue';
}

async function setOutput(shell: Shell, path: string | undefined, at: SourceLocation | undefined): Promise<void> {
  try {
    await shell.setOutput(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (error as Error).message;
    shell.warn(`${path}: ${reason}`, at);
  }
}

function ignoreExtra(shell: Shell, name: string, extra: readonly string[], at: SourceLocation | undefined): void {
  for (const arg of extra) shell.warn(`\\${name}: extra argument "${arg}" ignored`, at);
}

export async function runMetaCommand(name: string, args: readonly string[], context: MetaContext): Promise<LineOutcome> {
  const { shell, location: at } = context;
  if (DESCRIBE_COMMANDS.includes(name)) {
    await describeCommand(name, args, shell);
    return 'continue';
  }
  switch (name) {
    case 'q':
    case 'quit':
      ignoreExtra(shell, name, args, at);
      return 'quit';
    case '?':
      shell.io.stdout.write(HELP_TEXT);
      break;
    case 'timing':
      setTiming(shell, args, at);
      break;
    case 'x':
      setExpanded(shell, args, at);
      break;
    case 'pset':
      pset(shell, args, at);
      break;
    case 'i':
    case 'include':
      if (args[0] === undefined) shell.warn(`\\${name}: missing required argument`, at);
      else return runFile(shell, args[0]);
      break;
    case 'o':
    case 'out':
      await setOutput(shell, args[0], at);
      break;
    case 'r':
    case 'reset':
      context.processor.reset();
      shell.message('Query buffer reset (cleared).');
      break;
    case 'echo':
      shell.message(args.join(' '));
      break;
    case 'conninfo':
      shell.message(`You are connected to database "${shell.connection.database}" as user "${shell.connection.user}" on the ${shell.connection.description}.`);
      break;
    case 'tickit':
      await loadTickit(shell);
      break;
    default:
      shell.warn(`invalid command \\${name}`, at);
      if (shell.io.interactive) shell.warn('Try \\? for help.');
  }
  return 'continue';
}
