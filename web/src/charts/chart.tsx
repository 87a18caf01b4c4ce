// <Chart option={…}/>: one ECharts instance per element, resized with its box, disposed on
// unmount. The option is applied with notMerge so a new period redraws cleanly.
import { useEffect, useRef } from 'react';
import { type EChartsOption, echarts, PALETTE } from './echarts.js';

export function Chart({
  option,
  height = 280,
  label,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  /** Accessible name of the chart (also used by the browser tests). */
  label: string;
  onClick?: (params: {
    name?: string;
    seriesName?: string;
    data?: unknown;
    dataIndex?: number;
  }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { color: PALETTE, animationDuration: 300, textStyle: { fontFamily: 'inherit' }, ...option },
      { notMerge: true },
    );
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    c.on('click', onClick);
    return () => {
      c.off('click', onClick);
    };
  }, [onClick]);

  return (
    <div
      ref={ref}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-chart={label}
    />
  );
}
