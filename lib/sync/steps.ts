import { isAddressEqual, type Address } from "viem";
import { ClusterStatus } from "@/lib/chain/cluster-state";

/**
 * The synchronization step machine (docs/obol.md, synchronization steps), pure: from the chain's cluster status, the
 * stored signatures and whether a lock is stored, each operator's next step and the phase people
 * see. No I/O, so the page, the dashboard and the routes agree by construction.
 */

export type OperatorStep = "accept-terms" | "register-node" | "run-dkg" | "done";
/** Pill colour: orange when the next step is this operator's, green when finished, grey otherwise. */
export type OperatorStatus = "action" | "done" | "waiting";

export type PhaseKey = "waiting-for-operators" | "ready-for-dkg" | "dkg-done" | "deposited" | "active" | "exited";
export type Phase = { key: PhaseKey; label: string; registered: number; total: number };

export type OperatorInput = { address: Address; termsAccepted: boolean; registered: boolean };

export type SyncInput = { chainStatus: number; hasLock: boolean; operators: readonly OperatorInput[] };

export type OperatorState = { address: Address; step: OperatorStep; status: OperatorStatus; label: string };

export type SyncState = { phase: Phase; operators: OperatorState[] };

const stepLabels: Record<OperatorStep, string> = {
  "accept-terms": "Accept terms",
  "register-node": "Register node",
  "run-dkg": "Run the DKG",
  done: "Done",
};

function operatorState(op: OperatorInput, allRegistered: boolean, finished: boolean): OperatorState {
  if (finished) return { address: op.address, step: "done", status: "done", label: stepLabels.done };
  if (!op.termsAccepted && !op.registered) {
    return { address: op.address, step: "accept-terms", status: "action", label: stepLabels["accept-terms"] };
  }
  if (!op.registered) return { address: op.address, step: "register-node", status: "action", label: stepLabels["register-node"] };
  // Registered: the DKG needs every node at once, so it is an action only when all are in.
  return allRegistered
    ? { address: op.address, step: "run-dkg", status: "action", label: stepLabels["run-dkg"] }
    : { address: op.address, step: "run-dkg", status: "waiting", label: "Waiting for others" };
}

export function syncState({ chainStatus, hasLock, operators }: SyncInput): SyncState {
  const total = operators.length;
  const registered = operators.filter((o) => o.registered).length;
  const allRegistered = total > 0 && registered === total;
  // A deposited cluster ran its DKG somewhere, even when this portal never saw the lock.
  const finished = hasLock || chainStatus >= ClusterStatus.DEPOSITED;
  const counts = { registered, total };

  let phase: Phase;
  if (chainStatus === ClusterStatus.EXITED) phase = { key: "exited", label: "Exited", ...counts };
  else if (chainStatus === ClusterStatus.VERIFIED) phase = { key: "active", label: "Active", ...counts };
  else if (chainStatus === ClusterStatus.DEPOSITED) phase = { key: "deposited", label: "Deposited", ...counts };
  else if (hasLock) phase = { key: "dkg-done", label: "DKG done", ...counts };
  else if (allRegistered) phase = { key: "ready-for-dkg", label: "Ready for DKG", ...counts };
  else phase = { key: "waiting-for-operators", label: `Waiting for operators (${registered}/${total})`, ...counts };

  return { phase, operators: operators.map((op) => operatorState(op, allRegistered, finished)) };
}

/** `address`'s entry when the next step is theirs ("waiting on me"), else null. */
export function pendingStepOf<T extends OperatorState>(sync: { operators: readonly T[] }, address: Address | null | undefined): T | null {
  if (!address) return null;
  const op = sync.operators.find((o) => isAddressEqual(o.address, address));
  return op && op.status === "action" ? op : null;
}
