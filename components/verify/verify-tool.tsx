"use client";

// Paste, drop or choose a cluster definition or lock; it is checked in this browser with lib/obol
// (the library behind `npm run verify`), so the file never leaves the operator's machine. The
// library is loaded on the first check to keep it out of the page's initial JavaScript.
import "@/lib/zod-in-browser";
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import type { ClusterFile } from "@/lib/obol/schema";
import type { VerifyResult } from "@/lib/obol/verify";
import { MAX_INPUT_BYTES, parseInput, tooLarge } from "./parse-input";
import { VerifyResults } from "./verify-results";

type State =
  | { step: "idle" }
  | { step: "verifying" }
  | { step: "error"; title: string; details: string[] }
  | { step: "done"; file: ClusterFile; result: VerifyResult };

const button =
  "rounded-md px-4 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:ring-offset-2 focus-visible:ring-offset-slate-950 disabled:opacity-50";

export function VerifyTool() {
  // The box is uncontrolled: text pasted before the page's scripts ran (they start after the first
  // paint) would be wiped by hydrating a controlled value. `empty` only decides whether Clear shows.
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [empty, setEmpty] = useState(true);
  const [state, setState] = useState<State>({ step: "idle" });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  const textareaId = useId();
  const hintId = useId();

  useEffect(() => setEmpty(!textarea.current?.value), []);

  // Move focus to the outcome so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (state.step === "done" || state.step === "error") outcomeHeading.current?.focus();
  }, [state]);

  async function check(input: string) {
    const parsed = parseInput(input);
    if (!parsed.ok) return setState({ step: "error", title: parsed.title, details: parsed.details });
    setState({ step: "verifying" });
    try {
      const { verifyClusterFile } = await import("@/lib/obol/verify");
      setState({ step: "done", file: parsed.file, result: await verifyClusterFile(parsed.file) });
    } catch (e) {
      setState({ step: "error", title: "The checks could not run.", details: [e instanceof Error ? e.message : String(e)] });
    }
  }

  async function load(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_INPUT_BYTES) {
      const { title, details } = tooLarge(file.size);
      return setState({ step: "error", title, details });
    }
    const content = await file.text();
    if (textarea.current) textarea.current.value = content;
    setEmpty(content === "");
    await check(content);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void check(textarea.current?.value ?? "");
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void load(e.dataTransfer.files[0]);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-3">
        <label htmlFor={textareaId} className="block text-sm font-medium text-slate-200">
          Cluster definition or lock JSON
        </label>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => {
            // Leaving for a child (the textarea) is not leaving the drop zone.
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
          className={`rounded-lg border-2 border-dashed p-1 motion-safe:transition-colors ${dragging ? "border-orange-500 bg-orange-500/5" : "border-slate-700"}`}
        >
          <textarea
            id={textareaId}
            aria-describedby={hintId}
            ref={textarea}
            onChange={(e) => setEmpty(e.target.value === "")}
            rows={10}
            spellCheck={false}
            placeholder='{"cluster_definition": {...}, "distributed_validators": [...], ...}'
            className="block w-full resize-y rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-200 outline-none placeholder:text-slate-600 focus-visible:ring-2 focus-visible:ring-orange-500"
          />
        </div>
        <p id={hintId} className="text-xs text-slate-400">
          Paste the JSON, drop a file onto the box, or choose one (up to {MAX_INPUT_BYTES / 1024 / 1024} MB). Nothing is uploaded: the checks run in
          this browser.
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={state.step === "verifying"} className={`${button} bg-orange-500 text-slate-950 hover:bg-orange-400`}>
            {state.step === "verifying" ? "Verifying…" : "Verify"}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} className={`${button} border border-slate-700 text-slate-200 hover:bg-slate-800`}>
            Choose a file…
          </button>
          {!empty && (
            <button
              type="button"
              onClick={() => {
                if (textarea.current) textarea.current.value = "";
                setEmpty(true);
                setState({ step: "idle" });
              }}
              className={`${button} text-slate-400 hover:text-white`}
            >
              Clear
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            tabIndex={-1}
            aria-label="Cluster definition or lock file"
            onChange={(e) => {
              void load(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </div>
      </form>

      <div aria-live="polite" aria-busy={state.step === "verifying"}>
        {state.step === "verifying" && <p className="text-sm text-slate-400">Verifying hashes and signatures…</p>}
        {state.step === "error" && (
          <div role="alert" className="rounded-lg border border-red-500/60 bg-red-500/10 p-4 text-sm text-red-200">
            <h2 ref={outcomeHeading} tabIndex={-1} className="font-semibold outline-none">
              {state.title}
            </h2>
            {state.details.length > 0 && (
              <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs">
                {state.details.slice(0, 20).map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {state.step === "done" && <VerifyResults file={state.file} result={state.result} headingRef={outcomeHeading} />}
      </div>
    </div>
  );
}
