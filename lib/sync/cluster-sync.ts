import "server-only";
import { isAddressEqual, type Address, type Hex } from "viem";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import type { Sql } from "@/lib/db";
import { syncState, type OperatorState, type Phase } from "./steps";
import { registrationsOf, termsAcceptedBy, termsVersion } from "./storage";

/** What a page needs of a cluster to show its synchronization. */
export type SyncCluster = Pick<IndexedCluster, "configHash" | "operators">;
export type SyncRequest = { cluster: SyncCluster; chainStatus: number; hasLock: boolean };

export type OperatorSync = OperatorState & {
  termsAccepted: boolean;
  /** The registered node; dates are ISO strings so this crosses into client components. */
  registration: { enr: string; registeredAt: string } | null;
};

export type ClusterSync = {
  configHash: Hex;
  phase: Phase;
  /** In node order. */
  operators: OperatorSync[];
  /** Operators whose node is not registered yet. */
  missing: Address[];
};

/** The synchronization of many clusters from two queries in all (dashboard), keyed by config hash. */
export async function readClustersSync(sql: Sql, requests: readonly SyncRequest[]): Promise<Map<Hex, ClusterSync>> {
  const [registrations, accepted] = await Promise.all([
    registrationsOf(sql, requests.map((r) => r.cluster.configHash)),
    termsAcceptedBy(sql, requests.flatMap((r) => r.cluster.operators), termsVersion),
  ]);
  return new Map(
    requests.map(({ cluster, chainStatus, hasLock }) => {
      const configHash = cluster.configHash.toLowerCase() as Hex;
      const regs = registrations.get(configHash) ?? [];
      const inputs = cluster.operators.map((address) => {
        const registration = regs.find((r) => isAddressEqual(r.address, address));
        return { address, termsAccepted: accepted.has(address), registration };
      });
      const state = syncState({
        chainStatus,
        hasLock,
        operators: inputs.map((i) => ({ address: i.address, termsAccepted: i.termsAccepted, registered: !!i.registration })),
      });
      const operators = state.operators.map((op, n) => ({
        ...op,
        termsAccepted: inputs[n].termsAccepted,
        registration: inputs[n].registration
          ? { enr: inputs[n].registration.enr, registeredAt: inputs[n].registration.registeredAt.toISOString() }
          : null,
      }));
      return [configHash, { configHash, phase: state.phase, operators, missing: inputs.filter((i) => !i.registration).map((i) => i.address) }];
    }),
  );
}
