/**
 * Tokens produced by the lexer. Keywords are not a separate kind: a keyword is a `word` whose
 * meaning the parser decides from context, because most Redshift keywords are also valid names
 * (`date`, `year`, `name`, ...). A `quotedIdent` is never a keyword, whatever its text.
 */
export type TokenKind =
  /** Unquoted identifier or keyword; `value` folded to lower case. May start with '#' (temp tables). */
  | 'word'
  /** "Quoted" identifier; `value` unquoted and (as Redshift does) folded to lower case. */
  | 'quotedIdent'
  /** '...', E'...', N'...', $$...$$ or $tag$...$tag$; `value` is the unescaped text. */
  | 'string'
  /** Numeric literal; `value` is the text as written (`42`, `3.14`, `.5`, `1e10`). */
  | 'number'
  /** `$n`; `value` is the digits. */
  | 'param'
  /** Operator or punctuation; `value` is its text, except `!=` which is normalized to `<>`. */
  | 'op'
  /** End of input; `start` = `end` = the input length. */
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** 0-based offset of the first character in the input. */
  readonly start: number;
  /** 0-based offset just past the last character. */
  readonly end: number;
}
