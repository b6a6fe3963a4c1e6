import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { pendingStepOf, syncState, type OperatorInput } from "./steps";

const addresses = ["0x1111", "0x2222", "0x3333", "0x4444"].map((p) => `${p}${"0".repeat(36)}` as Address);

/** Operators from a compact code per operator: "-" nothing, "t" terms accepted, "r" registered. */
const ops = (codes: string): OperatorInput[] =>
  [...codes].map((c, i) => ({ address: addresses[i], termsAccepted: c !== "-", registered: c === "r" }));

const { INACTIVE, IN_CREATION, DEPOSITED, VERIFIED, EXITED } = ClusterStatus;

describe("syncState", () => {
  it.each([
    // chain status, lock, operators, phase, steps, statuses
    [IN_CREATION, false, "----", "Waiting for operators (0/4)", "accept-terms ×4", "aaaa"],
    [INACTIVE, false, "----", "Waiting for operators (0/4)", "accept-terms ×4", "aaaa"],
    [IN_CREATION, false, "t---", "Waiting for operators (0/4)", "register-node accept-terms ×3", "aaaa"],
    [IN_CREATION, false, "rt--", "Waiting for operators (1/4)", "run-dkg register-node accept-terms ×2", "waaa"],
    [IN_CREATION, false, "rrrt", "Waiting for operators (3/4)", "run-dkg ×3 register-node", "wwwa"],
    [IN_CREATION, false, "rrrr", "Ready for DKG", "run-dkg ×4", "aaaa"],
    [IN_CREATION, true, "rrrr", "DKG done", "done ×4", "dddd"],
    // A lock ends the sync steps even if this portal missed a registration (uploaded lock).
    [IN_CREATION, true, "rr--", "DKG done", "done ×4", "dddd"],
    [DEPOSITED, false, "----", "Deposited", "done ×4", "dddd"],
    [DEPOSITED, true, "rrrr", "Deposited", "done ×4", "dddd"],
    [VERIFIED, true, "rrrr", "Active", "done ×4", "dddd"],
    [EXITED, false, "rrrr", "Exited", "done ×4", "dddd"],
  ])("status %i, lock %s, operators %s → %s", (chainStatus, hasLock, codes, phase, steps, statuses) => {
    const state = syncState({ chainStatus, hasLock, operators: ops(codes) });
    expect(state.phase.label).toBe(phase);
    const expand = steps.split(" ").flatMap((s, i, all) => {
      const n = /^×(\d)$/.exec(all[i + 1] ?? "")?.[1];
      return s.startsWith("×") ? [] : Array(Number(n ?? 1)).fill(s);
    });
    expect(state.operators.map((o) => o.step)).toEqual(expand);
    expect(state.operators.map((o) => o.status[0]).join("")).toBe(statuses);
  });

  it("counts registered operators in the phase", () => {
    expect(syncState({ chainStatus: IN_CREATION, hasLock: false, operators: ops("rr-t") }).phase).toEqual({
      key: "waiting-for-operators",
      label: "Waiting for operators (2/4)",
      registered: 2,
      total: 4,
    });
  });

  it("labels each status for the pills", () => {
    const labels = syncState({ chainStatus: IN_CREATION, hasLock: false, operators: ops("rt-r") }).operators.map((o) => o.label);
    expect(labels).toEqual(["Waiting for others", "Register node", "Accept terms", "Waiting for others"]);
  });
});

describe("pendingStepOf", () => {
  const state = syncState({ chainStatus: IN_CREATION, hasLock: false, operators: ops("rt--") });
  it.each([
    [addresses[0], null],
    [addresses[1], "register-node"],
    [addresses[1].toLowerCase() as Address, "register-node"],
    ["0x9999999999999999999999999999999999999999" as Address, null],
    [null, null],
  ])("%s → %s", (address, step) => {
    expect(pendingStepOf(state, address)?.step ?? null).toBe(step);
  });
});
