// @vitest-environment jsdom
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { defineChain, type Chain, type Transport, getAddress, recoverTypedDataAddress, type Address, type Hex, type LocalAccount, type TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createConfig, http } from "wagmi";
import { TestWalletRoot } from "@/components/wallet/test-wallet-root";
import { connect } from "wagmi/actions";
import { mock } from "wagmi/connectors";
import { enrTypedData, operatorConfigHashTypedData, TERMS_AND_CONDITIONS_HASH, termsAndConditionsTypedData } from "@/lib/obol/eip712";
import { buildEnr, testKey, testKeyHex } from "@/lib/obol/testdata/enr-builder";
import type { ClusterSync } from "@/lib/sync/cluster-sync";
import { CHARON_VERSION } from "@/lib/sync/dkg-command";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { syncState } from "@/lib/sync/steps";
import { hoodiForkVersion, testOperators } from "@/lib/sync/testing";
import { SyncActionBlock } from "./action-block";
import type { WalletNetwork } from "@/components/wallet/network";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const rpcUrl = "http://rpc.test/";
const devnet = defineChain({
  id: 560048,
  name: "Byzantine devnet",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const elsewhere = defineChain({ ...devnet, id: 1, name: "Ethereum" });
const network: WalletNetwork = { chainId: 560048, chainName: "Byzantine devnet", forkVersion: hoodiForkVersion };
const configHash: Hex = `0x${"c0".repeat(32)}`;
const origin = "https://portal.example";
const [alice, bob] = testOperators;
const enrOf = (n: number) => buildEnr(testKey(80 + n));

/** A cluster's sync from one code per operator: "-" nothing, "t" terms accepted, "r" registered. */
function syncOf(codes: string, hasLock = false): ClusterSync {
  const inputs = [...codes].map((c, i) => ({ address: testOperators[i].address, termsAccepted: c !== "-", registered: c === "r" }));
  const state = syncState({ chainStatus: ClusterStatus.IN_CREATION, hasLock, operators: inputs });
  return {
    configHash,
    phase: state.phase,
    operators: state.operators.map((op, i) => ({
      ...op,
      termsAccepted: inputs[i].termsAccepted,
      registration: inputs[i].registered ? { enr: enrOf(i), registeredAt: "2025-01-01T00:00:00.000Z" } : null,
    })),
    missing: inputs.filter((i) => !i.registered).map((i) => i.address),
  };
}

type ApiCall = { method: string; url: string; body: Record<string, unknown>; authorization: string | null };
let apiCalls: ApiCall[];
let apiReply: { status: number; body: unknown };

/** JSON-RPC for the mock connector (it forwards eth_signTypedData_v4 to the chain's URL): sign locally. */
async function walletRpc(body: { id: number; method: string; params: [Address, string] }) {
  if (body.method !== "eth_signTypedData_v4") throw new Error(`unexpected RPC ${body.method}`);
  const [address, json] = body.params;
  const account = testOperators.find((a) => a.address === getAddress(address)) as LocalAccount;
  const typed = JSON.parse(json) as TypedDataDefinition & { types: Record<string, { name: string; type: string }[]> };
  const fields = typed.types[typed.primaryType as string];
  const message = Object.fromEntries(
    Object.entries(typed.message as Record<string, unknown>).map(([k, v]) => [k, /int/.test(fields.find((f) => f.name === k)!.type) ? BigInt(v as string) : v]),
  );
  return Response.json({ jsonrpc: "2.0", id: body.id, result: await account.signTypedData({ ...typed, message } as TypedDataDefinition) });
}

beforeEach(() => {
  apiCalls = [];
  apiReply = { status: 200, body: { success: true } };
  router.refresh.mockReset();
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const body = JSON.parse(String(init?.body ?? "null"));
    if (url.startsWith(rpcUrl)) return walletRpc(body);
    apiCalls.push({ method: init?.method ?? "GET", url, body, authorization: new Headers(init?.headers).get("authorization") });
    return Response.json(apiReply.body, { status: apiReply.status });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function renderBlock(
  sync: ClusterSync,
  { account = alice as LocalAccount | null, chains = [devnet] as [Chain, ...Chain[]], features = {} } = {},
) {
  const config = createConfig({
    chains,
    connectors: account ? [mock({ accounts: [account.address], features })] : [],
    storage: null,
    transports: Object.fromEntries(chains.map((c) => [c.id, http()])) as Record<number, Transport>,
  });
  if (account) await connect(config, { connector: config.connectors[0] });
  // The steps load on demand (next/dynamic): imported first, they render once the queue drains.
  await Promise.all([import("./accept-terms"), import("./register-node"), import("./run-dkg")]);
  const rendered = render(
    <TestWalletRoot config={config}>
      <SyncActionBlock sync={sync} network={network} origin={origin} />
    </TestWalletRoot>,
  );
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return rendered;
}

const signerOf = (typedData: TypedDataDefinition, signature: string) => recoverTypedDataAddress({ ...typedData, signature: signature as Hex });

describe("SyncActionBlock", () => {
  it("is shown to nobody but a connected operator with a step left; anyone else is told how to see a step", async () => {
    const hint = "Connecting the wallet of one of this cluster's operators shows that operator's next step here.";
    const { container, unmount } = await renderBlock(syncOf("----"), { account: null });
    expect(container).toHaveTextContent(hint);
    expect(screen.queryByRole("heading")).toBeNull();
    unmount();
    const outsider = await renderBlock(syncOf("----"), { account: privateKeyToAccount(testKeyHex(99)) });
    expect(outsider.container).toHaveTextContent(hint);
    expect(screen.queryByRole("heading")).toBeNull();
    outsider.unmount();
    const done = await renderBlock(syncOf("rrrr", true));
    expect(done.container).toBeEmptyDOMElement();
  });

  it("accepts the terms with one signature, posts it as Obol's API expects and refreshes", async () => {
    await renderBlock(syncOf("----"));
    expect(screen.getByRole("heading", { name: "Accept the terms" })).toBeInTheDocument();
    expect(screen.getByText("Your action is required")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Accept terms" }));
    await waitFor(() => expect(router.refresh).toHaveBeenCalled());

    const [call] = apiCalls;
    expect(call).toMatchObject({
      method: "POST",
      url: "/api/v1/termsAndConditions",
      body: { address: alice.address, version: 1, terms_and_conditions_hash: TERMS_AND_CONDITIONS_HASH, fork_version: hoodiForkVersion },
    });
    const signature = call.authorization!.replace(/^Bearer /, "");
    expect(await signerOf(termsAndConditionsTypedData(), signature)).toBe(alice.address);
  });

  it("explains a rejected signature in place and sends nothing", async () => {
    await renderBlock(syncOf("----"), { features: { signTypedDataError: true } });
    await userEvent.click(screen.getByRole("button", { name: "Accept terms" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You declined the request in your wallet; nothing was sent.");
    expect(apiCalls).toEqual([]);
    expect(router.refresh).not.toHaveBeenCalled();
  });

  it("validates the ENR as it is typed, then signs both messages and registers the node", async () => {
    await renderBlock(syncOf("tr--"));
    const field = screen.getByLabelText("Your node's ENR");
    const button = screen.getByRole("button", { name: "Register your node" });
    expect(button).toBeDisabled();

    await userEvent.type(field, "enode://nope");
    expect(screen.getByText('This ENR is invalid: an ENR starts with "enr:".')).toBeInTheDocument();
    expect(button).toBeDisabled();

    await userEvent.clear(field);
    await userEvent.click(field);
    await userEvent.paste(enrOf(1));
    expect(screen.getByText(`Operator ${bob.address} already registered this node key; each operator runs its own charon node.`)).toBeInTheDocument();
    expect(button).toBeDisabled();

    const mine = enrOf(0);
    await userEvent.clear(field);
    await userEvent.paste(`  ${mine}\n`);
    expect(screen.getByText("Valid ENR.")).toBeInTheDocument();
    await userEvent.click(button);
    await waitFor(() => expect(router.refresh).toHaveBeenCalled());

    const [call] = apiCalls;
    expect(call).toMatchObject({
      method: "PUT",
      url: `/api/v1/definition/${configHash}`,
      body: { enr: mine, version: "v1.10.0", address: alice.address, fork_version: hoodiForkVersion },
    });
    const configSignature = call.authorization!.replace(/^Bearer /, "");
    expect(await signerOf(operatorConfigHashTypedData(configHash, hoodiForkVersion), configSignature)).toBe(alice.address);
    expect(await signerOf(enrTypedData(mine, hoodiForkVersion), call.body.enr_signature as string)).toBe(alice.address);
  });

  it("shows the portal's refusal where the step failed", async () => {
    apiReply = { status: 409, body: { message: "This charon key is already the node of operator 0xB0b. A registered node cannot be changed." } };
    await renderBlock(syncOf("t---"));
    await userEvent.click(screen.getByLabelText("Your node's ENR"));
    await userEvent.paste(enrOf(0));
    await userEvent.click(screen.getByRole("button", { name: "Register your node" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This charon key is already the node of operator 0xB0b.");
    expect(router.refresh).not.toHaveBeenCalled();
  });

  it("asks to switch network before signing for another chain", async () => {
    await renderBlock(syncOf("t---"), { chains: [elsewhere, devnet] });
    await userEvent.click(screen.getByLabelText("Your node's ENR"));
    await userEvent.paste(enrOf(0));
    expect(screen.getByRole("alert")).toHaveTextContent("Your wallet is on another network; these signatures are for Byzantine devnet.");
    expect(screen.getByRole("button", { name: "Register your node" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Switch to Byzantine devnet" }));
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Register your node" })).toBeEnabled();
  });

  it("while others register, shows the DKG command and who is missing, greyed", async () => {
    await renderBlock(syncOf("rrt-"));
    const block = screen.getByRole("region", { name: "Run the DKG" });
    expect(block).toHaveAttribute("data-step", "run-dkg");
    expect(screen.getByText("Waiting for the other operators")).toBeInTheDocument();
    const missing = screen.getByRole("list", { name: "Operators still missing" });
    expect(missing).toHaveTextContent(testOperators[2].address);
    expect(missing).toHaveTextContent(testOperators[3].address);
    expect(missing).not.toHaveTextContent(alice.address);
  });

  it("when everyone is registered, gives the exact docker and plain charon commands with copy buttons", async () => {
    await renderBlock(syncOf("rrrr"));
    expect(screen.getByText("Your action is required")).toBeInTheDocument();
    expect(screen.getByText(/Every operator is registered/)).toBeInTheDocument();
    const args = `dkg --definition-file="${origin}/api/v1/definition/${configHash}" --publish --publish-address="${origin}/api/v1"`;
    expect(screen.getByText(`docker run --rm -v "$(pwd):/opt/charon" obolnetwork/charon:${CHARON_VERSION} ${args}`)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Copy command: docker run/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "charon binary" }));
    expect(screen.getByText(`charon ${args}`)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: `Copy command: charon ${args}` })).toBeInTheDocument();
  });
});
