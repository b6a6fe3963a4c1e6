// Consensus-spec domains and signing roots shared by deposits and builder registrations.
import { ByteVectorType, ContainerType } from "@chainsafe/ssz";

const ForkData = new ContainerType({
  currentVersion: new ByteVectorType(4),
  genesisValidatorsRoot: new ByteVectorType(32),
});

const SigningData = new ContainerType({
  objectRoot: new ByteVectorType(32),
  domain: new ByteVectorType(32),
});

/** compute_domain(domain_type, fork_version, genesis_validators_root). */
export function computeDomain(
  domainType: Uint8Array,
  forkVersion: Uint8Array,
  genesisValidatorsRoot: Uint8Array = new Uint8Array(32),
): Uint8Array {
  const forkDataRoot = ForkData.hashTreeRoot({ currentVersion: forkVersion, genesisValidatorsRoot });
  const domain = new Uint8Array(32);
  domain.set(domainType, 0);
  domain.set(forkDataRoot.subarray(0, 28), 4);
  return domain;
}

/** compute_signing_root: hash_tree_root(SigningData(object_root, domain)). */
export function computeSigningRoot(objectRoot: Uint8Array, domain: Uint8Array): Uint8Array {
  return SigningData.hashTreeRoot({ objectRoot, domain });
}
