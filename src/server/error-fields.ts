/**
 * What an ErrorResponse or NoticeResponse says, from a SqlError or a Notice. The protocol's
 * position is 1-based and counts characters of the whole query string; SqlError.position is a
 * 0-based offset in UTF-16 units into that string (the session parses the whole text at once).
 */
import { SqlError, SqlState, type Notice } from '../index.js';
import type { ErrorFields } from './backend-messages.js';

function characterPosition(queryText: string, offset: number): number {
  let chars = 0;
  for (let i = 0; i < offset && i < queryText.length; i++) {
    const c = queryText.charCodeAt(i);
    // The second half of a surrogate pair is not a character of its own.
    if (c < 0xdc00 || c > 0xdfff) chars++;
  }
  return chars + 1;
}

export function errorFields(err: unknown, queryText = ''): ErrorFields {
  if (!(err instanceof SqlError)) {
    return { severity: 'ERROR', code: SqlState.internalError, message: err instanceof Error ? err.message : String(err) };
  }
  return {
    severity: err.severity,
    code: err.code,
    message: err.message,
    detail: err.detail,
    hint: err.hint,
    position: err.position === undefined ? undefined : characterPosition(queryText, err.position),
  };
}

export function noticeFields(n: Notice): ErrorFields {
  return { severity: n.severity, code: n.code, message: n.message, detail: n.detail };
}
