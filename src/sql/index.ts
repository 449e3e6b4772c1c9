/** The SQL front end: lexer, recursive-descent parser and statement splitter for Redshift SQL. */
export { parse, parseStatement, parseExpression } from './parser.js';
export type { ParsedStatement } from './parser.js';
export { splitStatements } from './split.js';
export { relationRefs, type RelationRefs } from './relation-refs.js';
export { renameReferences } from './rename-refs.js';
export * from './ast.js';
