/**
 * psql's `Password for user X: ` prompt, asked only when the server wants a password and none was
 * given: the terminal in raw mode, nothing echoed, Enter ends it, Ctrl-C or Ctrl-D gives up.
 */
export function promptPassword(user: string): Promise<string> {
  const { stdin, stderr } = process;
  return new Promise((resolve, reject) => {
    stderr.write(`Password for user ${user}: `);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const finish = (outcome: () => void): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(typed));
        if (ch === '\x03' || ch === '\x04') return finish(() => reject(new Error('no password supplied')));
        if (ch === '\x7f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
