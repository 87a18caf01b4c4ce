export { entityColumns, createTableSql, quoteIdent, SQL_TYPE, type ColumnSpec } from './columns.js';
export { Store, type Row, type SqlParam, type StoreOptions } from './db.js';
export { listMigrations, migrate } from './migrate.js';
