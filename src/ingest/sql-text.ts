// Quoting for the few values that cannot be bound as parameters (file paths and column names in
// table-function arguments). Everything else goes through bound parameters.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
