import { ApiError } from "@/components/http/portal-api";

export type Problem = { kind: "rejected" | "wrong-network" | "wrong-account" | "refused" | "failed"; message: string };

type ErrorLike = { name?: string; code?: unknown; shortMessage?: string; details?: string; message?: string; cause?: unknown };

/** The error and its causes, outermost first (viem and wagmi errors both chain through `cause`). */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  for (let e = error; e && typeof e === "object" && out.length < 10; e = (e as ErrorLike).cause) out.push(e as ErrorLike);
  return out;
}

/**
 * What went wrong, as a sentence for the person at the wallet (after scaffold-eth's
 * getParsedError: walk the error chain for the cause, prefer its short message).
 */
export function describeProblem(error: unknown): Problem {
  if (error instanceof ApiError) return { kind: "refused", message: error.message };
  const errors = chain(error);
  if (errors.some((e) => e.name === "UserRejectedRequestError" || e.code === 4001)) {
    return { kind: "rejected", message: "You declined the request in your wallet; nothing was sent. Try again when ready." };
  }
  if (errors.some((e) => e.name === "ConnectorAccountNotFoundError")) {
    return { kind: "wrong-account", message: "Your wallet's active account is not the connected operator; switch back to it in the wallet." };
  }
  const text = errors.map((e) => `${e.shortMessage ?? ""} ${e.details ?? ""} ${e.message ?? ""}`).join(" ");
  // Wallets refuse EIP-712 data whose domain chainId is not the active chain.
  if (errors.some((e) => e.name === "ChainMismatchError" || e.name === "ConnectorChainMismatchError") || /chain ?id.*(must match|mismatch|active)/i.test(text)) {
    return { kind: "wrong-network", message: "Your wallet is on another network than this cluster's; switch network, then sign again." };
  }
  const first = errors[0];
  return { kind: "failed", message: first?.shortMessage ?? first?.message ?? String(error) };
}
