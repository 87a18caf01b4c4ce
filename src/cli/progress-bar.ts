// Progress bars on stderr (never stdout, so results pipe cleanly); silent when not a terminal
// unless CXLENS_PROGRESS=1.
import cliProgress from 'cli-progress';

export interface Bar {
  update(fraction: number, label?: string): void;
  stop(): void;
}

export function createBar(title: string): Bar {
  const enabled = process.stderr.isTTY || process.env.CXLENS_PROGRESS === '1';
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${title.padEnd(18)} {bar} {percentage}% {label}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 30,
      // Without a terminal (CXLENS_PROGRESS=1 in CI logs) draw a line every few seconds.
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { label: '' });
  return {
    update: (fraction, label = '') =>
      bar.update(Math.round(Math.min(1, Math.max(0, fraction)) * 1000), { label }),
    stop: () => bar.stop(),
  };
}
