export { type ColumnSpec, createTableSql, entityColumns, quoteIdent, SQL_TYPE } from './columns.js';
export { type Row, type SqlParam, Store, type StoreOptions } from './db.js';
export { listMigrations, migrate } from './migrate.js';
export {
  ACTIVITY_TABLES,
  type ActivityTable,
  activityKeyExprs,
  isActivityTable,
  logActivityChangesSql,
} from './queries/activity-changes.js';
export {
  type KnownBy,
  ORDERS_END_SQL,
  orderIsPurchaseSql,
  orderLateSql,
  orderReturnedSql,
  ticketFirstAnswerSql,
  ticketReopensSql,
} from './queries/dated-facts.js';
export {
  activitySpan,
  countRows,
  type ImportRun,
  type ImportRunRecord,
  latestImports,
  listImports,
  type SourceCount,
} from './queries/inventory.js';
