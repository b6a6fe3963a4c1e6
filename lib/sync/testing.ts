// Fixture builders for synchronization tests: indexed clusters whose config hash is the real one
// for their data, and registrations with real ENRs.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bytesToHex, getAddress, keccak256, numberToHex, type Address, type Hex, type LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { IndexedCluster } from "@/lib/chain/indexed-clusters";
import { buildDefinition } from "@/lib/obol/definition-builder";
import { enrTypedData, operatorConfigHashTypedData, TERMS_AND_CONDITIONS_HASH, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { buildEnr, testKey, testKeyHex } from "@/lib/obol/testdata/enr-builder";
import type { NewRegistration } from "./storage";

export const testCreator = privateKeyToAccount(testKeyHex(60));
export const testOperators = [61, 62, 63, 64].map((n) => privateKeyToAccount(testKeyHex(n)));
export const hoodiForkVersion: Hex = "0x10000910";

export function clusterFixture({
  ordinal,
  operators = testOperators.map((a) => a.address),
  forkVersion = hoodiForkVersion,
  creator = testCreator.address,
}: {
  ordinal: number;
  operators?: Address[];
  forkVersion?: Hex;
  creator?: Address;
}): IndexedCluster {
  const clusterId = keccak256(numberToHex(ordinal, { size: 32 }));
  const createdAt = new Date(Date.UTC(2025, 0, 1) + ordinal * 3_600_000);
  const split = getAddress(`0x${"5".repeat(38)}${ordinal.toString(16).padStart(2, "0")}`);
  const eigenPod = getAddress(`0x${"e".repeat(38)}${ordinal.toString(16).padStart(2, "0")}`);
  const definition = buildDefinition(
    { order: ordinal, clusterId, createdAt, operators, splitAddr: split, eigenPodAddr: eigenPod, forkVersion },
    creator,
  );
  return {
    clusterId,
    ordinal,
    name: `Byzantine DV${ordinal}`,
    configHash: definition.config_hash,
    blockNumber: BigInt(100 + ordinal),
    createdAt,
    txHash: keccak256(clusterId),
    vault: getAddress(`0x${"7".repeat(40)}`),
    split,
    eigenPod,
    averageScore: 1_000_000n,
    operators,
    bidIds: operators.map((a) => keccak256(a)),
  };
}

/** A charon ENR from test key n, with its public key as storage keeps it. */
function enrFixture(n: number): { enr: string; publicKey: Hex } {
  return { enr: buildEnr(testKey(n)), publicKey: bytesToHex(secp256k1.getPublicKey(testKey(n), true)) };
}

/** A registration row for storage tests (signatures are placeholders: storage does not check them). */
export function registrationFixture(cluster: IndexedCluster, operatorIndex: number, enrKey: number): NewRegistration {
  const { enr, publicKey } = enrFixture(enrKey);
  return {
    configHash: cluster.configHash,
    address: cluster.operators[operatorIndex],
    enr,
    enrPublicKey: publicKey,
    configSignature: `0x${"11".repeat(65)}`,
    enrSignature: `0x${"22".repeat(65)}`,
  };
}

/** The POST /api/v1/termsAndConditions by which `account`'s wallet accepts the terms, on the portal at `origin`. */
export async function termsRequest(origin: string, account: LocalAccount, forkVersion: Hex): Promise<Request> {
  return new Request(`${origin}/api/v1/termsAndConditions`, {
    method: "POST",
    headers: { authorization: `Bearer ${await account.signTypedData(termsAndConditionsTypedData())}` },
    body: JSON.stringify({ address: account.address, version: 1, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, fork_version: forkVersion }),
  });
}

/**
 * The PUT /api/v1/definition/{configHash} registering `account`'s node (the ENR of test key
 * `enrKey`) in the cluster of `configHash`; its wallet signs `signedHash`, the same unless a test
 * signs for another cluster.
 */
export async function registrationRequest(
  origin: string,
  { configHash, account, enrKey, forkVersion, signedHash = configHash }: { configHash: Hex; account: LocalAccount; enrKey: number; forkVersion: Hex; signedHash?: Hex },
): Promise<Request> {
  const enr = buildEnr(testKey(enrKey));
  return new Request(`${origin}/api/v1/definition/${configHash}`, {
    method: "PUT",
    headers: {
      authorization: `Bearer ${await account.signTypedData(operatorConfigHashTypedData(signedHash, forkVersion))}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      enr,
      version: "v1.10.0",
      address: account.address,
      enr_signature: await account.signTypedData(enrTypedData(enr, forkVersion)),
      fork_version: forkVersion,
    }),
  });
}
