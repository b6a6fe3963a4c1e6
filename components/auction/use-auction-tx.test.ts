import { ChainMismatchError, UserRejectedRequestError } from "viem";
import { mainnet } from "viem/chains";
import { describe, expect, it } from "vitest";
import { PriceChangedError } from "./auction-writes";
import { describeTxError } from "./use-auction-tx";

describe("describeTxError", () => {
  it("explains a declined transaction, a wrong network and a price that moved", () => {
    expect(describeTxError(new UserRejectedRequestError(new Error("User rejected the request.")), "Hoodi")).toEqual({
      message: "You declined the request in your wallet; nothing was sent. Try again when ready.",
      wrongNetwork: false,
    });
    expect(describeTxError(new ChainMismatchError({ chain: mainnet, currentChainId: 560048 }), "Hoodi")).toEqual({
      message: "Your wallet is on another network than the auction (Hoodi); switch network, then try again.",
      wrongNetwork: true,
    });
    expect(describeTxError(new PriceChangedError(10n ** 17n, 2n * 10n ** 17n), "Hoodi").message).toBe(
      "The auction now asks 0.2 ETH instead of the 0.1 ETH shown (its parameters changed); nothing was sent. The page has been refreshed: check the preview and try again.",
    );
  });
});
