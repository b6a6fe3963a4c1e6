// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { getAddress, type Hex } from "viem";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { clusterPubKeyHash, validatorsView, type ValidatorsView } from "@/lib/locks/validators";
import { runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { goldenChainData } from "@/lib/obol/testdata/golden-input";
import { ValidatorsList } from "./validators-list";

const configHash: Hex = `0x${"c0".repeat(32)}`;
const eigenPod = getAddress(goldenChainData.eigenPodAddr);
let dkg: TestDkgResult;
let pubkey: Hex;

const viewOf = (onChainHash: Hex | null, beacon: Parameters<typeof validatorsView>[1]["beacon"] = null) =>
  validatorsView(
    { lockHash: dkg.lock.lock_hash, configHash, receivedAt: new Date("2025-03-01T12:00:00Z"), postedVia: "api", postedBy: "charon", body: dkg.json },
    { eigenPod, clusterPubKeyHash: onChainHash, beacon },
  );

const show = (lock: ValidatorsView | null, chainStatus: number = ClusterStatus.IN_CREATION, onChainHash: Hex | null = null, children?: React.ReactNode) =>
  render(
    <ValidatorsList cluster={{ configHash, chainStatus, clusterPubKeyHash: onChainHash, eigenPod, lock }}>{children}</ValidatorsList>,
  );

beforeAll(async () => {
  // ExplorerLink reads the configuration: a devnet one, without an explorer.
  vi.stubEnv("AUCTION_ADDRESS", "0x0000000000000000000000000000000000000001");
  vi.stubEnv("VAULT_ADDRESS", "0x0000000000000000000000000000000000000002");
  dkg = await runTestDkg({ ...(await signedTestCluster()), seed: "validators list" });
  pubkey = dkg.lock.distributed_validators[0].distributed_public_key as Hex;
});

describe("ValidatorsList", () => {
  it("before the DKG: says there is no key yet and shows the upload slot", () => {
    show(null, ClusterStatus.IN_CREATION, null, <p>upload here</p>);
    expect(screen.getByText(/No validator key yet/)).toBeInTheDocument();
    expect(screen.getByText("upload here")).toBeInTheDocument();
  });

  it("with a lock registered on-chain: key with copy, shares, deposits to the EigenPod, status and downloads", async () => {
    const hash = clusterPubKeyHash(pubkey);
    show(await viewOf(hash), ClusterStatus.DEPOSITED, hash);
    const card = screen.getByRole("article", { name: "Validator 1" });
    expect(within(card).getByText(pubkey)).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: `Copy public key: ${pubkey}` })).toBeInTheDocument();
    expect(within(card).getByText("DEPOSITED")).toBeInTheDocument();
    expect(within(card).getByText(/Registered on-chain/)).toBeInTheDocument();
    expect(within(card).queryByRole("alert")).toBeNull();
    expect(within(card).getByText(/No beacon node configured/)).toBeInTheDocument();

    const shares = within(card).getByRole("table", { name: "Public shares" });
    expect(within(shares).getAllByRole("row")).toHaveLength(5);
    const deposits = within(card).getByRole("table", { name: "Deposit data" });
    expect(within(deposits).getByText("32 ETH")).toBeInTheDocument();
    expect(within(deposits).getByText("full deposit")).toBeInTheDocument();
    expect(within(deposits).getByText("partial deposit")).toBeInTheDocument();
    expect(within(deposits).getAllByText(/the cluster's EigenPod/)).toHaveLength(2);

    const downloads = screen.getByRole("navigation", { name: "Downloads" });
    expect(within(downloads).getByRole("link", { name: "cluster-lock.json" })).toHaveAttribute("href", `/api/clusters/${configHash}/cluster-lock.json`);
    expect(within(downloads).getByRole("link", { name: "deposit-data.json" })).toHaveAttribute("href", `/api/clusters/${configHash}/deposit-data.json?amount=32`);
    expect(within(downloads).getByRole("link", { name: "deposit-data-1eth.json" })).toHaveAttribute("href", `/api/clusters/${configHash}/deposit-data.json?amount=1`);
  });

  it("raises a red alert when the chain holds another key's hash", async () => {
    const other = clusterPubKeyHash(`0x${"11".repeat(48)}`);
    show(await viewOf(other), ClusterStatus.VERIFIED, other);
    expect(screen.getByRole("alert")).toHaveTextContent(/The public key registered on-chain is not this validator's/);
    expect(screen.getByRole("alert")).toHaveTextContent(other);
    expect(screen.getByText("VERIFIED")).toBeInTheDocument();
  });

  it("shows the beacon status and balance when a beacon node answers, and the key as not registered yet", async () => {
    show(await viewOf(null, async () => ({ kind: "found", index: "7", status: "active_ongoing", label: "Active", balanceGwei: "32012345678" })));
    expect(screen.getByText(/Not registered on-chain yet/)).toBeInTheDocument();
    expect(screen.getByText("Active")).toBeInTheDocument();
    expect(screen.getByText("32.0123 ETH")).toBeInTheDocument();
    expect(screen.getByText(/not deposited yet/)).toBeInTheDocument();
  });
});
