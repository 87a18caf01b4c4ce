// <PresetChips>: a row of chip buttons that picks one value (a breakdown, a metric, a ranking),
// the picked one highlighted. Pages keep the value in the URL and say what a pick does; this
// keeps the markup (fieldset.presets, chip / chip-on) that the styles and end-to-end tests rely on.
import type { ReactNode } from 'react';

/** One choice: the value it picks, its text, and an optional tooltip. */
export type Preset<V extends string> = readonly [value: V, label: ReactNode, title?: string];

export function PresetChips<V extends string>({
  label,
  presets,
  value,
  onPick,
}: {
  /** The fieldset's aria-label: what the row picks ("Breakdown by"). */
  label: string;
  presets: readonly Preset<V>[];
  /** The current value; its chip gets class "chip-on". */
  value: string;
  onPick: (value: V) => void;
}) {
  return (
    <fieldset className="presets" aria-label={label}>
      {presets.map(([v, text, title]) => (
        <button
          key={v}
          type="button"
          className={v === value ? 'chip chip-on' : 'chip'}
          title={title}
          onClick={() => onPick(v)}
        >
          {text}
        </button>
      ))}
    </fieldset>
  );
}
