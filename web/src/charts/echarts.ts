// ECharts, registered once with only the charts and components the dashboard draws (keeps the
// bundle small), and the dashboard's palette.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

// Twelve distinct colours: enough for every voice channel (nine) without two sharing one.
export const PALETTE = [
  '#2f5bea',
  '#16a37f',
  '#e8833a',
  '#d64545',
  '#8b5cf6',
  '#0ea5b7',
  '#a3a948',
  '#6b7280',
  '#db2777',
  '#8d5524',
  '#1e3a8a',
  '#eab308',
];
export const GOOD = '#16a37f';
export const BAD = '#d64545';

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
