"use client";

import { useId, useState } from "react";

/**
 * One bid parameter, set by slider or typed: both edit the same integer `value` (basis points,
 * days). `scale` converts it for people (100 shows basis points as percent). The typed text is
 * kept as typed, so "12." or an empty field can be on the way to a valid number; the form is
 * remounted (keyed) to start over from other values.
 */
export function NumberField({
  label,
  unit,
  value,
  onChange,
  min,
  max,
  sliderMax = max,
  scale = 1,
  error,
  hint,
  disabled = false,
}: {
  label: string;
  unit: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  sliderMax?: number;
  scale?: number;
  error: string | null;
  hint: string;
  disabled?: boolean;
}) {
  const id = useId();
  const shown = (v: number | null) => (v === null ? "" : String(v / scale));
  const [text, setText] = useState(shown(value));

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={`${id}-number`} className="text-sm font-medium text-slate-200">
          {label}
        </label>
        <span className="text-xs text-slate-400">{hint}</span>
      </div>
      <div className="flex items-center gap-3">
        <input
          type="range"
          aria-label={`${label} slider`}
          // Announced as people read it ("0.03 %"), not as the integer it stores (3 basis points).
          aria-valuetext={`${shown(value === null ? min : Math.min(Math.max(value, min), sliderMax))} ${unit}`}
          min={min}
          max={sliderMax}
          step={1}
          value={value === null ? min : Math.min(Math.max(value, min), sliderMax)}
          disabled={disabled}
          onChange={(event) => {
            const next = Number(event.target.value);
            setText(shown(next));
            onChange(next);
          }}
          className="h-2 min-w-0 flex-1 cursor-pointer accent-orange-500 disabled:cursor-not-allowed disabled:opacity-50"
        />
        <span className="flex items-center gap-1">
          <input
            id={`${id}-number`}
            type="number"
            inputMode="decimal"
            min={min / scale}
            max={max / scale}
            step={1 / scale}
            value={text}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              onChange(parse(event.target.value, scale));
            }}
            className={`w-28 rounded-md border bg-slate-950 px-2 py-1.5 text-right text-sm tabular-nums text-white focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none disabled:opacity-50 ${error ? "border-red-500" : "border-slate-700"}`}
          />
          <span className="w-8 text-sm text-slate-400">{unit}</span>
        </span>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** The typed text as the integer the contract takes, or null while it is not one (empty, "1e", more decimals than `scale` allows). */
function parse(text: string, scale: number): number | null {
  if (text.trim() === "") return null;
  const scaled = Number(text) * scale;
  // 12.34 * 100 is 1233.9999999999998: allow float noise, not a third decimal.
  const whole = Math.round(scaled);
  return Number.isFinite(scaled) && Math.abs(scaled - whole) < 1e-6 ? whole : null;
}
