"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type DragEvent } from "react";
import { ApiError, portalApi } from "@/components/http/portal-api";
import { UPLOAD_HEADER } from "@/lib/locks/upload-header";

type State = { step: "idle" } | { step: "sending"; name: string } | { step: "error"; message: string } | { step: "done"; message: string };

/** Reads the chosen file and posts it as charon would; the reply's sentence is the outcome. */
async function postLock(file: File): Promise<{ ok: boolean; message: string }> {
  let body: unknown;
  try {
    body = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: `${file.name} is not JSON: choose the cluster-lock.json charon wrote in its .charon folder.` };
  }
  try {
    const reply = await portalApi<{ message?: string }>("/api/v1/lock", { method: "POST", body, headers: { [UPLOAD_HEADER]: "1" } });
    return { ok: true, message: reply.message ?? "The lock was accepted." };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Manual lock upload, for a DKG run without `--publish`: choose or drop cluster-lock.json; the
 * portal verifies it like a published one and the page refreshes to show the validator.
 */
export function UploadLock() {
  const router = useRouter();
  const inputId = useId();
  const [state, setState] = useState<State>({ step: "idle" });
  const [dragging, setDragging] = useState(false);

  async function upload(file: File | undefined) {
    if (!file) return;
    setState({ step: "sending", name: file.name });
    try {
      const { ok, message } = await postLock(file);
      setState(ok ? { step: "done", message } : { step: "error", message });
      if (ok) router.refresh();
    } catch (error) {
      setState({ step: "error", message: `The upload failed: ${error instanceof Error ? error.message : String(error)}.` });
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  }

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={`space-y-2 rounded-md border border-dashed p-3 ${dragging ? "border-orange-500 bg-orange-500/5" : "border-slate-700"}`}
    >
      <p className="text-slate-300">
        Ran the DKG without <code className="rounded bg-slate-800 px-1">--publish</code>? Drop the{" "}
        <code className="rounded bg-slate-800 px-1">.charon/cluster-lock.json</code> here or{" "}
        <label htmlFor={inputId} className="cursor-pointer text-orange-300 underline hover:text-orange-200">
          choose it
        </label>
        ; the portal checks it against this cluster&apos;s definition before storing it.
      </p>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        disabled={state.step === "sending"}
        onChange={(event) => {
          void upload(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      {state.step === "sending" && (
        <p role="status" className="text-slate-300">
          Verifying {state.name}…
        </p>
      )}
      {state.step === "done" && (
        <p role="status" className="text-green-300">
          {state.message}
        </p>
      )}
      {state.step === "error" && (
        <p role="alert" className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-red-200">
          {state.message}
        </p>
      )}
    </div>
  );
}
