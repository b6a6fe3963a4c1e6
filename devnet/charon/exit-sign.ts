// `npm run devnet -- exit-sign 0x<configHash> --operator N`: what `charon exit sign
// --publish-address=<portal>/api/v1` does, from the node folder the devnet's DKG left for that
// operator: sign the validator's exit with the operator's key share, sign the request with its
// identity key, and POST it to <portal>/exp/partial_exits/<lock hash> (charon replaces the
// address's path). The devnet has no beacon chain, so the validator index is a stand-in.
import type { Hex } from "viem";
import { CHARON_DEFAULT_EXIT_EPOCH, partialExitRequest } from "./exit-client";
import { nodeFolder, readNodeFolder } from "../nodes/node-folders";

export const DEVNET_NODES_DIR = ".devnet/nodes";

export type ExitSignOptions = {
  configHash: Hex;
  /** The operator's 1-based share index. */
  operator: number;
  portalUrl: string;
  nodesDir?: string;
  epoch?: bigint;
  validatorIndex?: bigint;
  fetchImpl?: typeof fetch;
};

/** A stand-in validator index for a devnet validator, the same for every operator: the key's first three bytes. */
export const devnetValidatorIndex = (pubkey: Hex) => BigInt(`0x${pubkey.slice(2, 8)}`);

export async function runExitSign({ configHash, operator, portalUrl, nodesDir = DEVNET_NODES_DIR, epoch = CHARON_DEFAULT_EXIT_EPOCH, validatorIndex, fetchImpl = fetch }: ExitSignOptions) {
  const dir = nodeFolder(nodesDir, configHash, operator);
  const node = await readNodeFolder(dir).catch((error: unknown) => {
    throw new Error(`No node folder of operator ${operator} at ${dir} (${error instanceof Error ? error.message : String(error)}): the devnet writes one per operator when it runs the DKG (npm run dev).`);
  });
  const request = partialExitRequest(
    { identityKey: node.identityKey, shareIndex: operator, forkVersion: node.lock.cluster_definition.fork_version as Hex },
    [...node.shares].map(([validatorPubkey, secretShare]) => ({ validatorPubkey, secretShare, exit: { epoch, validatorIndex: validatorIndex ?? devnetValidatorIndex(validatorPubkey) } })),
  );
  const url = new URL(`/exp/partial_exits/${node.lock.lock_hash.toLowerCase()}`, portalUrl);
  const response = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  const reply = (await response.json().catch(() => ({}))) as { message?: string };
  // charon counts 409 (already stored) as success.
  if (!response.ok && response.status !== 409) throw new Error(`The portal refused the partial exit (${response.status}): ${reply.message ?? response.statusText}`);
  return { status: response.status, message: reply.message ?? "", url: url.toString(), exits: request.partial_exits };
}
