"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeProblem, type Problem } from "./wallet-error";

/**
 * Runs one wallet step: shows progress, explains a failure in place and, after success, renders
 * the server components again so every status on the page moves on.
 */
export function useWalletStep() {
  const router = useRouter();
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function run(step: (report: (text: string) => void) => Promise<void>) {
    setProblem(null);
    setProgress("Check your wallet…");
    try {
      await step(setProgress);
      router.refresh();
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      setProgress(null);
    }
  }

  return { run, busy: progress !== null, progress, problem, clearProblem: () => setProblem(null) };
}
