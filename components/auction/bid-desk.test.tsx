// @vitest-environment jsdom
// The operator's side of /auction with wagmi's mock connector on a real devnet chain of its own:
// the mock wallet forwards transactions to anvil, whose unlocked dev accounts sign them.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createPublicClient, createTestClient, createWalletClient, defineChain, getAddress, http as viemHttp, type Address, type Hex, type PublicClient } from "viem";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { createConfig, http } from "wagmi";
import { TestWalletRoot } from "@/components/wallet/test-wallet-root";
import { connect } from "wagmi/actions";
import { mock } from "wagmi/connectors";
import { auctionAbi } from "@/contracts-abi";
import { deployer, devAccounts, seededOperators } from "@/devnet/accounts";
import { startAnvil, type Anvil } from "@/devnet/anvil";
import type { AuctionAccount } from "@/lib/auction/auction-view";
import { auctionScore, bidPrice } from "@/lib/auction/math";
import { readRemovedBids } from "@/lib/auction/removed-bids";
import { configuredChain } from "@/lib/chain/chains";
import { JOIN_CLUSTER_4 } from "@/lib/auction/math";
import { readAuction } from "@/lib/auction/ranking";
import { formatBasisPoints, formatDays, formatEth, formatScore } from "@/lib/format/number";
import { BidDesk } from "./bid-desk";
import type { AuctionNetwork } from "./network";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

/**
 * A private copy of the shared seeded chain: these tests send transactions, and the shared one is
 * read-only. Copied with anvil_dumpState/loadState rather than deployed: the deploy code reads its
 * Solidity sources through `new URL(…, import.meta.url)`, which Vite rewrites for browser-like
 * environments such as jsdom.
 */
let anvil: Anvil | undefined;
const deployment = inject("deployment");
const chain = () => ({
  rpcUrl: anvil!.rpcUrl,
  deployment,
  publicClient: createPublicClient({
    chain: configuredChain({ chainId: deployment.chainId, chainName: "Byzantine devnet", rpcUrl: anvil!.rpcUrl, explorerUrl: null }),
    transport: viemHttp(anvil!.rpcUrl),
    cacheTime: 0,
    pollingInterval: 50,
  }) as PublicClient,
});
let snapshot: Hex | undefined;
const testClient = () => createTestClient({ mode: "anvil", transport: viemHttp(chain().rpcUrl) });

beforeAll(async () => {
  anvil = await startAnvil();
  const shared = createTestClient({ mode: "anvil", transport: viemHttp(inject("rpcUrl")) });
  await testClient().loadState({ state: await shared.dumpState() });
});
afterAll(async () => {
  await anvil?.stop();
});
beforeEach(async () => {
  snapshot = await testClient().snapshot();
});
afterEach(async () => {
  if (snapshot) await testClient().revert({ id: snapshot });
});

const operator = seededOperators[11]; // whitelisted, one pending bid in the seed
const stranger = devAccounts[15]; // never whitelisted
const wonConfigHash: Hex = `0x${"c0".repeat(32)}`;

function networkOf(): AuctionNetwork {
  return { chainId: 560048, chainName: "Byzantine devnet", forkVersion: "0x10000910", auction: chain().deployment.auction, explorerUrl: null };
}

/** What the page's server part would pass for `address`, read from the chain. */
async function pageData(address: Address | null) {
  const state = await readAuction(chain().publicClient, chain().deployment.auction, { account: address });
  const account: AuctionAccount | null =
    address && state.operator
      ? {
          address,
          whitelisted: state.operator.isWhitelisted,
          reputation: state.operator.reputationScore,
          pending: state.ranking.filter((bid) => bid.nodeOp === address),
          won: state.operator.isWhitelisted
            ? [{ bidId: `0x${"0b".repeat(32)}`, clusterName: "Byzantine DV1", configHash: wonConfigHash, createdAt: "2025-01-01T00:00:00.000Z", discountRate: 500, duration: 365, bidPrice: 1n }]
            : [],
          removed: await readRemovedBids(
            { client: chain().publicClient, auction: chain().deployment.auction, deploymentBlock: BigInt(chain().deployment.deploymentBlock), chunkSize: 10_000 },
            address,
            state.blockNumber,
          ),
        }
      : null;
  return { state, ranking: state.ranking.map(({ bidId, nodeOp, auctionScore }) => ({ bidId, nodeOp, auctionScore })), account };
}

async function renderDesk(address: Address | null) {
  const { rpcUrl } = chain();
  const devnet = defineChain({ id: 560048, name: "Byzantine devnet", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
  const config = createConfig({
    chains: [devnet],
    connectors: address ? [mock({ accounts: [address] })] : [],
    storage: null,
    pollingInterval: 50,
    transports: { [devnet.id]: http(rpcUrl) },
  });
  if (address) await connect(config, { connector: config.connectors[0] });
  const data = await pageData(address);
  render(
    <TestWalletRoot config={config}>
      <BidDesk parameters={data.state.parameters} ranking={data.ranking} account={data.account} network={networkOf()} />
    </TestWalletRoot>,
  );
  return data;
}

const E = 3243835616438356n;
const bidButton = () => screen.queryByRole("button", { name: /^Bid/ });

async function setBid(discountPercent: string, days: string) {
  const discount = screen.getByLabelText("Discount rate", { selector: "input[type=number]" });
  const duration = screen.getByLabelText("Duration", { selector: "input[type=number]" });
  await userEvent.clear(discount);
  await userEvent.type(discount, discountPercent);
  await userEvent.clear(duration);
  await userEvent.type(duration, days);
}

beforeEach(() => {
  router.refresh.mockReset();
});

describe("BidDesk", () => {
  it("previews prices for a visitor and asks for a wallet to bid", async () => {
    await renderDesk(null);
    expect(screen.getByRole("heading", { name: "Prepare a bid" })).toBeInTheDocument();
    const p = within(screen.getByLabelText("Preview"));
    // Worked out by hand: E / 4 = 810958904109589 wei a day, x 365 days.
    expect(p.getByText(formatEth(295999999999999985n, 8))).toBeInTheDocument();
    // The contract scores every bid with reputation 1, so the score needs no wallet; the rank does.
    // 810958904109589 x 1.0001^365 (1.037172411302551929, exact fractions) / 1e18, floored.
    expect(p.getByText(formatScore(841104202042617n))).toBeInTheDocument();
    expect(p.getByText("Scored with reputation 1, as the auction scores every bid today.")).toBeInTheDocument();
    expect(screen.getByText("Connect your operator wallet (top right) to bid.")).toBeInTheDocument();
    expect(bidButton()).toBeNull();
    expect(screen.getByText(/Connect your operator wallet to see, change and withdraw your bids/)).toBeInTheDocument();
  });

  it("updates the live preview from the number inputs and refuses values out of the contract's limits", async () => {
    await renderDesk(operator.address);
    await setBid("12.5", "1000");
    const p = within(screen.getByLabelText("Preview"));
    // E x 8750 / 40000 = 709589041095890 wei a day, x 1000 days.
    expect(p.getByText(formatEth(709589041095890000n, 8))).toBeInTheDocument();
    expect(p.getByText(/^#\d+ of 8$/)).toBeInTheDocument();
    expect(bidButton()).toBeEnabled();

    await setBid("25", "30");
    expect(screen.getByText("The discount rate is between 0 % and 20 %.")).toBeInTheDocument();
    expect(screen.getByText("The auction asks for at least 90 days.")).toBeInTheDocument();
    expect(bidButton()).toBeDisabled();
    await setBid("1.234", "100");
    expect(screen.getByText("Enter a percentage with at most two decimals.")).toBeInTheDocument();
  });

  it("tells a wallet that is not whitelisted why it cannot bid", async () => {
    await renderDesk(stranger.address);
    expect(screen.getByText("This wallet cannot bid: it is not whitelisted.")).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent("NotWhitelisted");
    expect(bidButton()).toBeNull();
    expect(within(screen.getByLabelText("Preview")).getByText(/^Scored with reputation 1/)).toBeInTheDocument();
    expect(screen.getByText("No pending bid: this wallet is not a whitelisted operator.")).toBeInTheDocument();
  });

  it("lists the operator's bids with their refund, the won ones linking to their cluster, and prepares a change", async () => {
    const { account } = await renderDesk(operator.address);
    const [pending] = account!.pending;
    const list = within(screen.getByRole("list", { name: "Pending bids" }));
    expect(list.getByRole("button", { name: `Withdraw bid ${pending.bidId.slice(0, 6)}…${pending.bidId.slice(-4)} and get ${formatEth(pending.bidPrice, 6)} back` })).toBeEnabled();
    expect(screen.getByRole("link", { name: "Byzantine DV1" })).toHaveAttribute("href", `/clusters/${wonConfigHash}`);

    await userEvent.click(list.getByRole("button", { name: "Change" }));
    expect(screen.getByRole("heading", { name: "Change your bid" })).toBeInTheDocument();
    expect(screen.getByLabelText("Discount rate", { selector: "input[type=number]" })).toHaveValue(pending.discountRate / 100);
    expect(screen.getByLabelText("Duration", { selector: "input[type=number]" })).toHaveValue(pending.duration);
    expect(screen.getByRole("button", { name: "Change bid" })).toBeDisabled();

    await setBid(String(pending.discountRate / 100), String(pending.duration + 10));
    const more = bidPrice(E, pending.discountRate, pending.duration + 10) - pending.bidPrice;
    expect(screen.getByText(`You pay ${formatEth(more, 8)} more now.`)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Cancel the change" }));
    expect(screen.getByRole("heading", { name: "Prepare a bid" })).toBeInTheDocument();
  });

  it("shows a bid pending until it is mined, then confirmed with the score the preview showed, and renders the page again", async () => {
    const { account } = await renderDesk(operator.address);
    // Whitelisting left this operator's stored reputation at 0, and the page says what that means.
    expect(account!.reputation).toBe(0);
    expect(screen.getByText(/not used yet: every bid scores with 1/)).toHaveTextContent("Your on-chain reputation: 0 — not used yet: every bid scores with 1.");
    await setBid("0.5", "800");
    const preview = within(screen.getByLabelText("Preview"));
    expect(preview.getByText(/your on-chain reputation \(0\) is not used yet/)).toBeInTheDocument();
    const shown = screen.getByTestId("preview-score").getAttribute("title")!.split(" ")[0];
    expect(preview.getByText(/^#\d+ of 8$/)).toBeInTheDocument();
    const test = testClient();
    await test.setAutomine(false);
    try {
      await userEvent.click(bidButton()!);
      expect(await screen.findByText(/is waiting to be mined/)).toBeInTheDocument();
      expect(router.refresh).not.toHaveBeenCalled();
      await test.mine({ blocks: 1 });
    } finally {
      await test.setAutomine(true);
    }
    expect(await screen.findByText(/Bid placed\. Confirmed in block/)).toBeInTheDocument();
    await waitFor(() => expect(router.refresh).toHaveBeenCalled());

    const after = await readAuction(chain().publicClient, chain().deployment.auction);
    const placed = after.ranking.find((b) => b.nodeOp === operator.address && b.discountRate === 50 && b.duration === 800);
    expect(placed?.bidPrice).toBe(bidPrice(E, 50, 800));
    // The preview's score is exactly the one the contract stored.
    expect(placed?.auctionScore).toBe(BigInt(shown));
    expect(placed!.auctionScore).toBeGreaterThan(0n);
  });

  it("explains the contract's refusal of a bid that is no longer pending, and sends nothing", async () => {
    const { account } = await renderDesk(operator.address);
    const [pending] = account!.pending;
    // Withdrawn elsewhere after the page was rendered.
    const wallet = createWalletClient({ account: operator, transport: viemHttp(chain().rpcUrl) });
    await chain().publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({ address: chain().deployment.auction, abi: auctionAbi, functionName: "withdrawBid", args: [pending.bidId], chain: null }),
    });
    const nonce = await chain().publicClient.getTransactionCount({ address: operator.address });

    await userEvent.click(within(screen.getByRole("list", { name: "Pending bids" })).getByRole("button", { name: /^Withdraw bid/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This bid is not one of this wallet's pending bids: it belongs to another operator, or it was withdrawn, removed or has already won a seat.");
    expect(router.refresh).not.toHaveBeenCalled();
    expect(await chain().publicClient.getTransactionCount({ address: operator.address })).toBe(nonce);
  });

  it("shows a bid Byzantine removed as removed, with its refund", async () => {
    const pending = (await pageData(operator.address)).account!.pending[0];
    const owner = createWalletClient({ account: deployer, transport: viemHttp(chain().rpcUrl) });
    await chain().publicClient.waitForTransactionReceipt({
      hash: await owner.writeContract({
        address: chain().deployment.auction,
        abi: auctionAbi,
        functionName: "removeBid",
        args: [pending.bidId, pending.auctionScore, operator.address, JOIN_CLUSTER_4],
        chain: null,
      }),
    });
    const { account } = await renderDesk(operator.address);
    expect(account!.pending).toEqual([]);
    const removed = within(screen.getByRole("list", { name: "Removed bids" }));
    expect(removed.getByText(`${formatBasisPoints(pending.discountRate)} · ${formatDays(pending.duration)} · removed, ${formatEth(pending.bidPrice, 6)} refunded`)).toBeInTheDocument();
  });

  it("refuses to pay a price other than the one shown when the auction's parameters changed", async () => {
    await renderDesk(operator.address);
    const owner = createWalletClient({ account: deployer, transport: viemHttp(chain().rpcUrl) });
    await chain().publicClient.waitForTransactionReceipt({
      hash: await owner.writeContract({ address: chain().deployment.auction, abi: auctionAbi, functionName: "updateExpectedDailyReturnWei", args: [E * 2n], chain: null }),
    });
    const nonce = await chain().publicClient.getTransactionCount({ address: operator.address });
    await userEvent.click(bidButton()!);
    const price = await chain().publicClient.readContract({ address: chain().deployment.auction, abi: auctionAbi, functionName: "getPriceToPay", args: [getAddress(operator.address), 0, 365, JOIN_CLUSTER_4] });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      `The auction now asks ${formatEth(price, 6)} instead of the ${formatEth(bidPrice(E, 0, 365), 6)} shown (its parameters changed); nothing was sent.`,
    );
    // The page is rendered again with the new parameters.
    expect(router.refresh).toHaveBeenCalled();
    expect(await chain().publicClient.getTransactionCount({ address: operator.address })).toBe(nonce);
  });
});
