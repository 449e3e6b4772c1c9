/** `\?`: the meta-commands, psql style. */
export const HELP_TEXT = `General
  \\q                     quit slicewise (Ctrl-D at an empty prompt too)
  \\?                     show this help
  \\tickit                create and load the TICKIT sample tables (category, date, event, venue)
  \\conninfo              show what this session is connected to

Query buffer
  \\r                     reset (clear) the query buffer
  Ctrl-C                 cancel the running statement, or clear the line being typed

Informational  (options: + = more detail)
  \\d[+]                  list tables and views
  \\d[+]  NAME            describe table or view: columns, types, encodings, DISTSTYLE, DISTKEY,
                         SORTKEY, and with + rows per slice
  \\dt[+] [PATTERN]       list tables
  \\dv[+] [PATTERN]       list views
  \\dn[+] [PATTERN]       list schemas

Formatting
  \\pset format aligned|csv|json|markdown
                         set the output format
  \\x [on|off|auto]       toggle expanded output (auto: when wider than the terminal)
  \\timing [on|off]       toggle timing of statements

Input/Output
  \\i FILE                execute statements from a file
  \\o [FILE]              send query results to a file, or back to the terminal
  \\echo [TEXT]           write text to standard output

Patterns: * matches any characters, ? one; schema.name; "Quoted" names keep their case.
`;
