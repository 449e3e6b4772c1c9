/** The PostgreSQL wire-protocol server: `startServer()` serves a cluster to psql, JDBC, psycopg2, node-postgres. */
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { AUTH_METHODS, type AuthMethod, type AuthOptions } from './auth.js';
