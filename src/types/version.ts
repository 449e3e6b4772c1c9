/** The Redshift build Slicewise presents itself as: `select version()`, the server's ParameterStatus, SYS_QUERY_HISTORY.redshift_version. */
export const REDSHIFT_BUILD = '1.0.12103';

/** `select version()`: PostgreSQL 8.0.2, as Redshift answers. */
export const VERSION_TEXT = `PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift ${REDSHIFT_BUILD}`;
