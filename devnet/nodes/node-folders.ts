// Each operator's charon node folder as `charon dkg` leaves it (charon eth2util/keystore,
// app/k1util): .charon/charon-enr-private-key (hex, no 0x), .charon/cluster-lock.json, and
// .charon/validator_keys/keystore-<i>.json (EIP-2335) with the password in keystore-<i>.txt, so
// the devnet can act as each operator's node (devnet/charon/exit-client.ts, npm run devnet -- exit-sign).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { create, defaultPbkdfModule, Keystore } from "@chainsafe/bls-keystore";
import { bytesToHex, hexToBytes, type Hex } from "viem";
import type { TestDkgResult } from "@/devnet/dkg";
import { secretToPublicKey } from "@/lib/obol/lock/bls-keys";
import { lockSchema, type Lock } from "@/lib/obol/schema";

/** Where the devnet keeps node folders: .devnet/nodes/<config hash>/operator-<share index>/.charon */
export const nodeFolder = (root: string, configHash: Hex, shareIndex: number) => join(root, configHash.toLowerCase(), `operator-${shareIndex}`, ".charon");

// charon's insecure test keystores lower the KDF cost from 2^18 to 2^4 (keystore.StoreKeysInsecure):
// these keys guard nothing but devnet validators, and the full cost would take seconds per key.
const DEVNET_KDF = { ...defaultPbkdfModule(), params: { ...defaultPbkdfModule().params, c: 16 } };

/** Writes every operator's node folder of a test-DKG lock. */
export async function writeNodeFolders(root: string, dkg: TestDkgResult, operatorKeys: readonly Hex[]): Promise<string[]> {
  const configHash = dkg.lock.cluster_definition.config_hash as Hex;
  return Promise.all(
    operatorKeys.map(async (key, i) => {
      const dir = nodeFolder(root, configHash, i + 1);
      const keys = join(dir, "validator_keys");
      await mkdir(keys, { recursive: true });
      await writeFile(join(dir, "charon-enr-private-key"), key.replace(/^0x/, "").toLowerCase(), { mode: 0o600 });
      await writeFile(join(dir, "cluster-lock.json"), JSON.stringify(dkg.json, null, 2));
      for (const [v, validator] of dkg.keys.entries()) {
        const secret = validator.secretShares[i];
        const password = bytesToHex(crypto.getRandomValues(new Uint8Array(32))).slice(2);
        const keystore = await create(password, secret, secretToPublicKey(secret), "m/12381/3600/0/0/0", "", DEVNET_KDF);
        await writeFile(join(keys, `keystore-${v}.json`), JSON.stringify(keystore, null, 1));
        await writeFile(join(keys, `keystore-${v}.txt`), password, { mode: 0o600 });
      }
      return dir;
    }),
  );
}

const keystoreFile = /^keystore-(?:insecure-)?(\d+)\.json$/;

export type NodeFolder = {
  identityKey: Uint8Array;
  lock: Lock;
  /** The operator's key share per validator public key (lower-case 0x hex), from its keystores. */
  shares: Map<Hex, Uint8Array>;
};

/** Reads a node folder as charon's exit and deposit commands do (identity key, lock, keystores with their passwords). */
export async function readNodeFolder(dir: string): Promise<NodeFolder> {
  const identityKey = hexToBytes(`0x${(await readFile(join(dir, "charon-enr-private-key"), "utf8")).trim()}`);
  const lock = lockSchema.parse(JSON.parse(await readFile(join(dir, "cluster-lock.json"), "utf8")));
  const keys = join(dir, "validator_keys");
  const shares = new Map<Hex, Uint8Array>();
  for (const name of await readdir(keys)) {
    if (!keystoreFile.test(name)) continue;
    const keystore = Keystore.parse(await readFile(join(keys, name), "utf8"));
    const secret = await keystore.decrypt((await readFile(join(keys, name.replace(/\.json$/, ".txt")), "utf8")).trim());
    // The keystore names the share's public key; the lock says which validator that share belongs to.
    const sharePubkey = bytesToHex(secretToPublicKey(secret));
    const dv = lock.distributed_validators.find((v) => v.public_shares.some((s) => s.toLowerCase() === sharePubkey));
    if (!dv) throw new Error(`${name} holds a share (${sharePubkey}) of no validator in ${dir}/cluster-lock.json`);
    shares.set(dv.distributed_public_key.toLowerCase() as Hex, secret);
  }
  return { identityKey, lock, shares };
}
