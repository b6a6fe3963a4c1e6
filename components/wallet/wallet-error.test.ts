import { UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/http/portal-api";
import { describeProblem } from "./wallet-error";

describe("describeProblem", () => {
  it.each([
    [new UserRejectedRequestError(new Error("denied")), "rejected"],
    [Object.assign(new Error("outer"), { cause: { code: 4001, message: "User denied" } }), "rejected"],
    [new Error('Provided chainId "560048" must match the active chainId "1"'), "wrong-network"],
    [Object.assign(new Error("x"), { name: "ConnectorAccountNotFoundError" }), "wrong-account"],
    [new ApiError(403, "Not your signature."), "refused"],
    [new Error("socket hang up"), "failed"],
  ])("%s → %s", (error, kind) => {
    expect(describeProblem(error).kind).toBe(kind);
  });

  it("keeps the portal's sentence for a refusal", () => {
    expect(describeProblem(new ApiError(409, "A registered node cannot be changed.")).message).toBe("A registered node cannot be changed.");
  });
});
