// Renders results on stdout: aligned tables for people, JSON for pipes (--json).
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
    return iso.replace('T', ' ').replace(/:\d\d\.\d{3}Z$/, '');
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  if (rows.length === 0) return '(none)\n';
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => cols.map((c) => formatCell(r[c])));
  const widths = cols.map((c, i) =>
    Math.min(60, Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length))),
  );
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => {
        const w = widths[i] ?? 0;
        const cut = v.length > w ? `${v.slice(0, w - 1)}…` : v;
        return /^-?[\d,.]+%?$/.test(v) ? cut.padStart(w) : cut.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return `${[line(cols), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

export function printTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): void {
  process.stdout.write(renderTable(rows, columns));
}
