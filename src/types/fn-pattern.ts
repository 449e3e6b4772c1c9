/**
 * Pattern matching predicates: like(s, p[, escape]), ilike(...), similar_to(s, p[, escape]) (the
 * binder maps the syntax to these) and the POSIX operators ~ ~* !~ !~*. The subject keeps CHAR's
 * padding — Redshift documents that LIKE does not ignore trailing blanks ("cast a CHAR column to
 * VARCHAR" to drop them); DATE/TIMESTAMP subjects are matched as their text ('2008-09%').
 */
import { BOOLEAN, isDateTimeType, isStringType, type SqlType } from './datatype.js';
import { defineOperator, type ResolvedFunction } from './operators.js';
import { likeMatcher, posixRegex, similarRegex } from './patterns.js';
import { registerImplementation } from './registry.js';
import { defineCustom } from './signatures.js';
import { textTypeFor } from './text-conversion.js';

const DEFAULT_ESCAPE = '\\';

/** The type a matched subject is passed as: strings as they are, dates and untyped literals as text. */
function subjectType(t: SqlType): SqlType | null {
  if (isStringType(t)) return t;
  return t.kind === 'unknown' || isDateTimeType(t) ? textTypeFor(t) : null;
}

function patternType(t: SqlType): SqlType | null {
  return isStringType(t) || t.kind === 'unknown' ? textTypeFor(t) : null;
}

registerImplementation('like', (s, p) => likeMatcher(p as string, DEFAULT_ESCAPE, false)(s as string));
registerImplementation('like_escape', (s, p, e) => likeMatcher(p as string, e as string, false)(s as string));
registerImplementation('ilike', (s, p) => likeMatcher(p as string, DEFAULT_ESCAPE, true)(s as string));
registerImplementation('ilike_escape', (s, p, e) => likeMatcher(p as string, e as string, true)(s as string));
registerImplementation('similar_to', (s, p) => similarRegex(p as string, DEFAULT_ESCAPE).test(s as string));
registerImplementation('similar_to_escape', (s, p, e) => similarRegex(p as string, e as string).test(s as string));

function resolveMatch(name: string, args: readonly SqlType[]): ResolvedFunction | null {
  if (args.length !== 2 && args.length !== 3) return null;
  const subject = subjectType(args[0]!);
  const rest = args.slice(1).map(patternType);
  if (!subject || rest.some((t) => t === null)) return null;
  return { id: args.length === 3 ? `${name}_escape` : name, type: BOOLEAN, argTypes: [subject, ...(rest as SqlType[])] };
}

for (const name of ['like', 'ilike', 'similar_to']) defineCustom(name, (args) => resolveMatch(name, args));

// ---------------------------------------------------------------- POSIX operators

const REGEX_OPERATORS = [
  ['~', 'textregexeq', false, false],
  ['~*', 'texticregexeq', true, false],
  ['!~', 'textregexne', false, true],
  ['!~*', 'texticregexne', true, true],
] as const;

for (const [op, id, ignoreCase, negate] of REGEX_OPERATORS) {
  const options = { ignoreCase, pcre: false };
  registerImplementation(id, (s, p) => {
    const re = posixRegex(p as string, options);
    re.lastIndex = 0;
    return re.test(s as string) !== negate;
  });
  defineOperator(op, (left, right) => {
    const subject = subjectType(left);
    const pattern = patternType(right);
    return subject && pattern ? { id, type: BOOLEAN, argTypes: [subject, pattern] } : null;
  });
}
