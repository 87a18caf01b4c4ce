// One colour per experience × engagement quadrant, shared by every chart that draws them
// (Segments scatter, Churn survival by quadrant, Experience quadrants over time), so a quadrant
// looks the same everywhere. Quadrants are configurable: other names take palette colours.
import { PALETTE } from './echarts.js';

const QUADRANT_COLOURS: Record<string, string> = {
  champions: '#16a37f',
  quiet_satisfied: '#2f5bea',
  vocal_critics: '#e8833a',
  silent_at_risk: '#d64545',
};

/** The quadrant's colour; `index` picks a palette colour for a quadrant not in the defaults. */
export function quadrantColour(quadrant: string, index: number): string {
  return QUADRANT_COLOURS[quadrant] ?? PALETTE[(index + 4) % PALETTE.length] ?? '#6b7280';
}
