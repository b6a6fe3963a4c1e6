// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import type { Hex } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import { exitCommands } from "@/lib/exits/view";
import type { ExitView } from "@/lib/exits/view";
import { ExitBlock } from "./exit-block";

const pubkey: Hex = `0x${"ab".repeat(48)}`;
const addresses: Hex[] = ["0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222", "0x3333333333333333333333333333333333333333", "0x4444444444444444444444444444444444444444"];

/** A view with operators `signers` (1-based) signed at epoch 1000, as lib/exits/view builds it. */
function viewWith(signers: number[], ready: boolean): ExitView {
  return {
    lockHash: `0x${"11".repeat(32)}`,
    threshold: 3,
    validators: [
      {
        pubkey,
        operators: addresses.map((address, i) => ({
          shareIndex: i + 1,
          address,
          signed: signers.includes(i + 1) ? { epoch: "1000", validatorIndex: "7", at: "2026-01-01T00:00:00.000Z" } : null,
        })),
        ready: ready ? { epoch: "1000", validatorIndex: "7", signers: signers.length } : null,
        commands: exitCommands("http://localhost:3000", pubkey, 1000n),
        epoch: "1000",
        download: `/api/clusters/0x${"c0".repeat(32)}/exits/${pubkey}`,
      },
    ],
  };
}

afterEach(cleanup);

describe("ExitBlock", () => {
  it("shows who signed and the sign command while short of the threshold", () => {
    render(<ExitBlock view={viewWith([1, 3], false)} />);
    expect(screen.getByText("2 of 4 operators signed an exit; 3 must sign the same one.")).toBeInTheDocument();
    expect(screen.getAllByText("epoch 1000, validator index 7")).toHaveLength(2);
    expect(screen.getAllByText("not yet")).toHaveLength(2);
    expect(screen.getByRole("button", { name: /^Copy sign command: docker run --rm --network host .* exit sign --publish-address="http:\/\/localhost:3000\/api\/v1" .*--exit-epoch=1000$/ })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Download the signed exit" })).toBeNull();
  });

  it("offers the signed exit and the broadcast command once the threshold is reached", () => {
    render(<ExitBlock view={viewWith([1, 2, 3], true)} />);
    expect(screen.getByText(/Threshold reached: 3 of 4 operators \(3 needed\) signed the exit at epoch 1000/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download the signed exit" })).toHaveAttribute("href", `/api/clusters/0x${"c0".repeat(32)}/exits/${pubkey}`);
    expect(screen.getByRole("button", { name: /^Copy broadcast command: docker run .* exit broadcast / })).toBeInTheDocument();
  });

  it("says there is nothing to exit before the DKG", () => {
    render(<ExitBlock view={null} />);
    expect(screen.getByText(/nothing to exit yet/)).toBeInTheDocument();
  });
});
