// Quoting for the few values that cannot be bound as parameters (file paths and column names in
// table-function arguments). Everything else goes through bound parameters.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The field at JSON path `$.a.b` of the STRUCT column `column`, as `column['a']['b']`. */
export function structFieldSql(column: string, path: string): string {
  return `${column}${path
    .slice(2)
    .split('.')
    .map((k) => `[${sqlString(k)}]`)
    .join('')}`;
}
