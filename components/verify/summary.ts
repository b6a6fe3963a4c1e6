// Counts the checks of a VerifyResult with the list lib/obol/verify decides `ok` by, and each
// whole-file problem as one more failure.
import { checkOutcomes, type VerifyResult } from "@/lib/obol/verify-result";

export interface CheckCounts {
  passed: number;
  failed: number;
  absent: number;
}

export function countChecks(r: VerifyResult): CheckCounts {
  const outcomes = checkOutcomes(r);
  return {
    passed: outcomes.filter((o) => o === true).length,
    failed: outcomes.filter((o) => o === false).length + r.problems.length,
    absent: outcomes.filter((o) => o === null).length,
  };
}

export function summaryLine(r: VerifyResult): { tone: "pass" | "fail" | "incomplete"; headline: string; counts: string } {
  const c = countChecks(r);
  const what = `${r.kind === "lock" ? "Lock" : "Definition"} ${r.version}`;
  const counts = [`${c.passed} passed`, `${c.failed} failed`, ...(c.absent ? [`${c.absent} not present`] : [])].join(" · ");
  if (!r.ok) return { tone: "fail", headline: `${what}: verification failed`, counts };
  if (!r.complete) return { tone: "incomplete", headline: `${what}: everything present verifies, but signatures are missing`, counts };
  return { tone: "pass", headline: `${what}: every check passes`, counts };
}
