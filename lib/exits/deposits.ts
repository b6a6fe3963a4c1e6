import { formatUnits, hexToBytes, type Hex } from "viem";
import type { Sql } from "@/lib/db";
import { HttpError } from "@/lib/http";
import { partialDepositRequestSchema } from "@/lib/obol/exit";
import type { BlsBackend } from "@/lib/obol/lock/bls-keys";
import { depositSigningRoot } from "@/lib/obol/lock/deposit";
import type { DistributedValidator, Lock } from "@/lib/obol/schema";
import { checkShareIndex, lockValidator, publicShare, storedLock } from "./lock-context";
import { partialDepositsOf, savePartialDeposit } from "./storage";

/**
 * charon's deposit coordination (`charon deposit sign|fetch`, docs/obol.md §Exits and deposits):
 * operators post partial signatures of new deposits of a validator; once a threshold signed an
 * amount, `charon deposit fetch` combines them. The endpoints carry no authentication, so the
 * BLS check of each partial against the operator's public share is what keeps garbage out.
 */

const GWEI_PER_ETH = 1_000_000_000n;

/** charon deposit sign's bounds: 1 to 32 ETH, 2048 ETH for a compounding (0x02) cluster. */
function checkAmount(lock: Lock, amountGwei: bigint): void {
  const max = (lock.cluster_definition.compounding ? 2048n : 32n) * GWEI_PER_ETH;
  if (amountGwei < GWEI_PER_ETH || amountGwei > max) {
    throw new HttpError(400, `A deposit of ${formatUnits(amountGwei, 9)} ETH is outside 1 to ${formatUnits(max, 9)} ETH, what this cluster's validators take.`);
  }
}

/** The withdrawal credentials of the validator's deposits in the lock: new deposits must pay to the same. */
function lockCredentials(dv: DistributedValidator): Hex | null {
  const credentials = dv.partial_deposit_data[0]?.withdrawal_credentials ?? dv.deposit_data?.withdrawal_credentials;
  return credentials ? (credentials.toLowerCase() as Hex) : null;
}

/**
 * POST /deposit_data/partial_deposits/{lock_hash}/{share_index}: verifies and stores an operator's
 * partial deposits. Throws HttpError naming the failed check (400 shape, share, validator,
 * credentials or amount; 404 lock; 409 all already stored; 422 a partial signature).
 */
export async function acceptPartialDeposits(sql: Sql, lockHash: Hex, shareIndex: number, json: unknown, bls: BlsBackend) {
  const request = partialDepositRequestSchema.parse(json);
  const lock = await storedLock(sql, lockHash);
  checkShareIndex(lock, shareIndex);

  const seen = new Set<string>();
  const deposits = request.partial_deposit_data.map((d) => {
    const dv = lockValidator(lock, d.pubkey);
    const expected = lockCredentials(dv);
    if (expected !== null && d.withdrawal_credentials !== expected) {
      throw new HttpError(400, `The withdrawal credentials ${d.withdrawal_credentials} of validator ${d.pubkey} differ from its lock's (${expected}): a new deposit must pay to the same withdrawal address.`);
    }
    checkAmount(lock, d.amount);
    const key = `${d.pubkey}/${d.amount}`;
    if (seen.has(key)) throw new HttpError(400, `Validator ${d.pubkey} has two ${formatUnits(d.amount, 9)} ETH deposits in this request.`);
    seen.add(key);
    return { dv, deposit: d };
  });

  const stored = new Map<string, string>();
  for (const pubkey of new Set(deposits.map((d) => d.deposit.pubkey))) {
    for (const s of await partialDepositsOf(sql, lockHash, pubkey)) {
      if (s.shareIndex === shareIndex) stored.set(`${pubkey}/${s.amountGwei}`, `${s.withdrawalCredentials}/${s.signature}`);
    }
  }
  if (deposits.every(({ deposit: d }) => stored.get(`${d.pubkey}/${d.amount}`) === `${d.withdrawal_credentials}/${d.signature}`)) {
    throw new HttpError(409, `Operator ${shareIndex}'s partial deposit${deposits.length === 1 ? " is" : "s are"} already stored; nothing changed.`);
  }

  const forkVersion = hexToBytes(lock.cluster_definition.fork_version as Hex);
  const checks = await Promise.all(
    deposits.map(({ dv, deposit: d }) =>
      bls.verify(
        publicShare(dv, shareIndex),
        depositSigningRoot({ pubkey: hexToBytes(d.pubkey), withdrawalCredentials: hexToBytes(d.withdrawal_credentials), amountGwei: d.amount }, forkVersion),
        hexToBytes(d.signature),
      ),
    ),
  );
  const failed = checks.findIndex((ok) => !ok);
  if (failed >= 0) {
    const d = deposits[failed].deposit;
    throw new HttpError(
      422,
      `The partial deposit signature of validator ${d.pubkey} (${formatUnits(d.amount, 9)} ETH) does not verify against operator ${shareIndex}'s public share ` +
        `with the deposit domain of fork version ${lock.cluster_definition.fork_version}: sign it with share ${shareIndex}'s key for this network.`,
    );
  }

  const outcomes = [];
  for (const { deposit: d } of deposits) {
    const outcome = await savePartialDeposit(sql, lockHash, {
      validatorPubkey: d.pubkey,
      shareIndex,
      amountGwei: d.amount,
      withdrawalCredentials: d.withdrawal_credentials,
      signature: d.signature,
    });
    outcomes.push({ validator_pubkey: d.pubkey, amount: d.amount.toString(), outcome });
  }
  return outcomes;
}

/**
 * GET /deposit_data/{lock_hash}/{validator_pubkey}: charon's FullDepositResponse with each amount a
 * threshold of operators signed; 404 ("nothing yet" to charon) before, saying how far it is.
 */
export async function fullDeposit(sql: Sql, lockHash: Hex, validatorPubkey: Hex) {
  const lock = await storedLock(sql, lockHash);
  const dv = lockValidator(lock, validatorPubkey);
  const threshold = lock.cluster_definition.threshold;
  const byAmount = new Map<bigint, Awaited<ReturnType<typeof partialDepositsOf>>>();
  for (const p of await partialDepositsOf(sql, lockHash, validatorPubkey)) byAmount.set(p.amountGwei, [...(byAmount.get(p.amountGwei) ?? []), p]);
  const amounts = [...byAmount.entries()].filter(([, partials]) => partials.length >= threshold);
  if (amounts.length === 0) {
    const counts = [...byAmount.entries()].map(([amount, partials]) => `${formatUnits(amount, 9)} ETH by ${partials.length}`);
    throw new HttpError(
      404,
      `No deposit of validator ${validatorPubkey} has been signed by ${threshold} operators yet` + (counts.length > 0 ? `: so far ${counts.join(", ")}.` : ": no operator has signed one."),
    );
  }
  return {
    pubkey: validatorPubkey,
    withdrawal_credentials: amounts[0][1][0].withdrawalCredentials,
    amounts: amounts.map(([amount, partials]) => ({
      amount: amount.toString(),
      partials: partials.map((p) => ({ partial_public_key: dv.public_shares[p.shareIndex - 1].toLowerCase(), partial_deposit_signature: p.signature })),
    })),
  };
}
