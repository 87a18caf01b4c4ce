// A shaded 95% band for a line chart on a category axis: two stacked line series, the lower
// bound drawn invisibly and the width of the interval (high − low) filled on top of it.
// Spread the result into `series` before the line it surrounds.
export function intervalBand(
  points: readonly { low: number | null; high: number | null }[],
  fill = 'rgba(47, 91, 234, 0.15)',
) {
  const hidden = { type: 'line', stack: 'ci', symbol: 'none', lineStyle: { opacity: 0 } };
  return [
    { ...hidden, name: 'low', data: points.map((p) => p.low) },
    {
      ...hidden,
      name: '95% interval',
      areaStyle: { color: fill },
      data: points.map((p) =>
        p.high === null || p.low === null ? null : Number((p.high - p.low).toFixed(6)),
      ),
    },
  ];
}
