import type { Hex } from "viem";

/** The charon release the commands pin (docker image tag); charon v1.10 reads v1.10.0 definitions. */
export const CHARON_VERSION = "v1.10.3";

/**
 * The `charon dkg` command of a cluster (docs/obol.md, synchronization step 3): fetch the definition from this
 * portal and publish the lock back to its /api/v1 (charon POSTs it to <address>/lock).
 */
export function dkgCommands(origin: string, configHash: Hex): CharonCommand {
  const base = origin.replace(/\/+$/, "");
  return charonCommand(base, `dkg --definition-file="${base}/api/v1/definition/${configHash}" --publish --publish-address="${base}/api/v1"`);
}

/** A charon command as the binary and as the docker image run it, from the directory holding `.charon`. */
export type CharonCommand = { plain: string; docker: string };

/** `args` for charon talking to the portal at `base` (an origin without a trailing slash). */
export function charonCommand(base: string, args: string): CharonCommand {
  // A container's localhost is not the host's: on a local portal, share the host's network.
  const local = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(base);
  return {
    plain: `charon ${args}`,
    docker: `docker run --rm ${local ? "--network host " : ""}-v "$(pwd):/opt/charon" obolnetwork/charon:${CHARON_VERSION} ${args}`,
  };
}
