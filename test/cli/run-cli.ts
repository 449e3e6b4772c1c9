/**
 * Running the built REPL (dist/cli/main.js; `npm test` builds first) as a user would: with piped
 * input, with -c/-f, on a pseudo-terminal (util-linux `script`), and `slicewise serve` to connect to.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const SCRIPT = '/usr/bin/script';

export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
}

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Run the CLI to completion with `input` on its stdin (a pipe, not a terminal). */
export function runCli(args: readonly string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
    child.stdin.end(input);
  });
}

/** `slicewise serve --port 0` in a child process; resolves once it listens. */
export async function startServe(env: NodeJS.ProcessEnv = {}): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0'], { env: { ...process.env, ...env } });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [\d.]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => reject(new Error(`slicewise serve exited: ${out}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Terminal control sequences (cursor moves, colours) removed: the text a person reads. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replaceAll('\r', '');
}

/** The REPL on a pseudo-terminal: type into it and wait for what it prints. */
export class Terminal {
  private output = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    const command = [process.execPath, MAIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    // A fixed window size: the pty `script` makes would otherwise have none.
    this.child = spawn(SCRIPT, ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], { env: { ...process.env, TERM: 'xterm', ...env } });
    this.child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
  }

  /** Everything printed so far, as raw bytes (with control sequences). */
  get raw(): string {
    return this.output;
  }

  /** Everything printed so far, as read on the screen. */
  get text(): string {
    return plain(this.output);
  }

  /** Keys as typed: `\r` is Enter, `\x03` Ctrl-C, `\x04` Ctrl-D, `\t` Tab. */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Wait until the screen text (from `from` on) matches. */
  async waitFor(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text.slice(from))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${this.text.slice(from)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Type a line and wait for the next `dev=# ` prompt after it. */
  async line(keys: string, prompt = /dev=# $/): Promise<string> {
    const from = this.text.length;
    this.type(`${keys}\r`);
    await this.waitFor(prompt, from);
    return this.text.slice(from);
  }

  async exit(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
