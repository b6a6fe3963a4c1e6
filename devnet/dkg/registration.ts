// One operator's "register node" step (docs/obol.md, synchronization steps) done with local keys: its ENR from the charon
// key and the two EIP-712 signatures of its wallet. Seeds and tests use it to complete a definition.
import type { Hex, LocalAccount } from "viem";
import type { OperatorRegistration } from "@/lib/obol/definition-builder";
import { enrTypedData, operatorConfigHashTypedData } from "@/lib/obol/eip712";
import type { Definition } from "@/lib/obol/schema";
import { operatorEnr, type EnrEndpoint } from "./enr";

export async function registerOperator(
  def: Definition,
  wallet: LocalAccount,
  enrKey: Hex | Uint8Array,
  endpoint?: EnrEndpoint,
): Promise<OperatorRegistration> {
  const enr = operatorEnr(enrKey, endpoint);
  return {
    address: wallet.address,
    enr,
    config_signature: await wallet.signTypedData(operatorConfigHashTypedData(def.config_hash, def.fork_version)),
    enr_signature: await wallet.signTypedData(enrTypedData(enr, def.fork_version)),
  };
}
