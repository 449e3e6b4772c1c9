/**
 * psql's object name patterns (`\d venue`, `\dt s2.*`, `\d "Mixed Case"`): `*` is any run of
 * characters, `?` any one, a dot outside quotes splits schema from name, unquoted letters fold to
 * lower case, double quotes keep case and make `*`, `?` and `.` literal.
 */

export interface NamePattern {
  /** Undefined when the pattern has no schema part: then only relations on the search path match. */
  readonly schema: RegExp | undefined;
  readonly name: RegExp;
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|]/.test(ch) ? `\\${ch}` : ch;
}

/** Split on unquoted dots and translate each part into an anchored regular expression. */
export function parseNamePattern(pattern: string): NamePattern {
  const parts: string[] = [''];
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '"') {
      // "" inside quotes is one literal quote.
      if (quoted && pattern[i + 1] === '"') {
        parts[parts.length - 1] += '"';
        i++;
      } else quoted = !quoted;
    } else if (quoted) parts[parts.length - 1] += escapeRegExp(ch);
    else if (ch === '.') parts.push('');
    else if (ch === '*') parts[parts.length - 1] += '.*';
    else if (ch === '?') parts[parts.length - 1] += '.';
    else parts[parts.length - 1] += escapeRegExp(ch.toLowerCase());
  }
  const anchored = (source: string) => new RegExp(`^(?:${source})$`, 's');
  // Like psql, a database part (db.schema.name) is accepted and ignored.
  const name = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2]! : undefined;
  return { schema: schema === undefined ? undefined : anchored(schema), name: anchored(name) };
}
