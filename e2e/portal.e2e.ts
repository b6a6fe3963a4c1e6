/**
 * Browser end-to-end: four operators synchronize a new cluster in a real Chromium, each with a
 * wallet that signs through the chain node; visitors, a non-operator, the dashboard views, the
 * 404 page, a rejected signature and a phone-sized screen. Run with `npm run test:e2e`.
 * Screenshots of each step are written to e2e/artifacts/.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hexToBytes, keccak256, stringToBytes, type Hex } from "viem";
import { devAccounts, seededOperators } from "@/devnet/accounts";
import { devnetWriter } from "@/devnet/seed";
import { definitionSchema } from "@/lib/obol/schema";
import { walletCookie } from "@/lib/wallet-cookie";
import { operatorEnr, runTestDkg, type TestDkgResult } from "@/devnet/dkg";
import { voluntaryExitSigningRoot } from "@/lib/obol/exit";
import { verify } from "@/lib/obol/lock/bls-keys";
import { runExitSign } from "@/devnet/charon/exit-sign";
import { writeNodeFolders } from "@/devnet/nodes/node-folders";
import { runAdmin } from "@/scripts/devnet-admin";
import { auctionScenario } from "./auction.e2e";
import { axeViolations } from "./axe";
import { connectWallet, screenshot, startStack, walletContext, type Stack } from "./harness";

let stack: Stack;

/** A new block on the devnet with no transaction in it: the head moves, nothing else. */
const mineBlock = () =>
  fetch(stack.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_mine", params: [] }),
  });

let configHash: Hex;
/** The DKG the operators "ran" (what charon would have left in their node folders). */
let dkg: TestDkgResult;
let clusterId: Hex;
const contexts: BrowserContext[] = [];
/** The four operators' pages, kept open from registration to activation. */
const operatorPages: Page[] = [];

// The new cluster's operators: seeded, whitelisted, and outbidding everything pending.
const operators = [seededOperators[8], seededOperators[9], seededOperators[10], seededOperators[11]];
const enrKeys = operators.map((_, i) => keccak256(stringToBytes(`e2e enr key ${i}`)));
const outsider = devAccounts[15];

async function newPage(account: (typeof devAccounts)[number] | null, options?: Parameters<typeof walletContext>[2]): Promise<Page> {
  const context = await walletContext(stack, account, options);
  contexts.push(context);
  return context.newPage();
}

/** The status pills of the operators table, in node order. */
async function pills(page: Page): Promise<string[]> {
  return page.locator("#operators-heading + div [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status") ?? ""));
}

async function waitForPills(page: Page, expected: string[], timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await pills(page);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await page.waitForTimeout(500);
  }
  assert.deepEqual(seen, expected, "operator pills");
}

async function assertRedirect(from: string, to: string): Promise<void> {
  const response = await fetch(stack.baseUrl + from, { redirect: "manual" });
  assert.equal(response.status, 308, `${from} answered ${response.status}`);
  assert.equal(new URL(response.headers.get("location") ?? "", stack.baseUrl).pathname, to);
}

before(async () => {
  stack = await startStack();
  const writer = devnetWriter(stack.rpcUrl, stack.deployment);
  for (const [i, operator] of operators.entries()) await writer.bid({ operator, discountRate: 10 * i, days: 1500 + i });
  await writer.createCluster();
  const global = (await (await fetch(`${stack.baseUrl}/api/clusters?view=global&sort=newest`)).json()) as {
    rows: { configHash: Hex; clusterId: Hex; name: string }[];
  };
  assert.equal(global.rows[0].name, "Byzantine DV5");
  configHash = global.rows[0].configHash;
  clusterId = global.rows[0].clusterId;
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await stack?.stop();
});

describe("visitors", () => {
  it("browse the dashboard, open a cluster from its row and from a pasted URL, and get a 404 for unknown hashes", async () => {
    const page = await newPage(null);
    await page.goto("/?view=global");
    await page.getByRole("link", { name: "Byzantine DV5" }).waitFor();
    assert.equal(await page.locator("tbody tr").count(), 5);
    await screenshot(page, "01-visitor-dashboard");

    await page.getByRole("row", { name: /Byzantine DV2/ }).getByRole("cell").nth(2).click();
    await page.waitForURL(/\/clusters\/0x[0-9a-f]{64}$/);
    await page.getByRole("heading", { name: "Byzantine DV2" }).waitFor();
    assert.equal(await page.locator("#sync-action-heading").count(), 0, "no action block without a wallet");

    const pasted = await newPage(null);
    await pasted.goto(`/clusters/${configHash}`);
    await pasted.getByRole("heading", { name: "Byzantine DV5" }).waitFor();
    await pasted.getByText("Waiting for operators (0/4)").first().waitFor();
    await pasted.getByText("Connecting the wallet of one of this cluster's operators shows that operator's next step here.").waitFor();
    await screenshot(pasted, "02-visitor-cluster");

    const missing = await pasted.goto(`/clusters/0x${"ab".repeat(32)}`);
    assert.equal(missing?.status(), 404);
    await pasted.getByRole("heading", { name: "No cluster with this config hash" }).waitFor();
    // The on-chain cluster id lands on the page (the lock hash does too, once there is a lock: below).
    await assertRedirect(`/clusters/${clusterId}`, `/clusters/${configHash}`);
    const malformed = await pasted.goto("/clusters/not-a-hash");
    assert.equal(malformed?.status(), 404);
    await screenshot(pasted, "03-404");
  });

  it("lose no click made before the page's scripts have started: it takes effect once they have", async () => {
    /** A page whose Next scripts wait until `release()`: its buttons and rows have no handler yet. */
    const heldScripts = async () => {
      const page = await newPage(null);
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/_next/static/chunks/**", async (route) => {
        await gate;
        await route.continue();
      });
      return { page, release };
    };
    const button = await heldScripts();
    await button.page.goto("/", { waitUntil: "domcontentloaded" });
    await button.page.getByRole("button", { name: "Connect Wallet" }).click();
    await button.page.waitForTimeout(300);
    assert.equal(await button.page.getByRole("dialog").count(), 0, "no dialog can open before the scripts run");
    button.release();
    await button.page.getByRole("dialog").waitFor();

    const row = await heldScripts();
    await row.page.goto("/?view=global", { waitUntil: "domcontentloaded" });
    await row.page.getByRole("row", { name: /Byzantine DV2/ }).getByRole("cell").nth(2).click();
    row.release();
    await row.page.waitForURL(/\/clusters\/0x[0-9a-f]{64}$/);
    await row.page.getByRole("heading", { name: "Byzantine DV2" }).waitFor();

    // Text pasted before hydration stays in the box, and the held Verify checks it.
    const form = await heldScripts();
    await form.page.goto("/verify", { waitUntil: "domcontentloaded" });
    await form.page.locator("textarea").fill('{"name": "not a cluster file"}');
    await form.page.getByRole("button", { name: "Verify", exact: true }).click();
    form.release();
    // The check ran on the pasted text (an empty box says "Paste a cluster definition or lock…").
    await form.page.locator("main").getByRole("alert").filter({ hasText: 'No "version" field' }).waitFor();
    assert.equal(await form.page.locator("textarea").inputValue(), '{"name": "not a cluster file"}');
  });
});

describe("an operator's wallet", () => {
  it("switches the dashboard to its clusters, toggles to all clusters and refreshes", async () => {
    const page = await newPage(operators[0]);
    await page.goto("/");
    await connectWallet(page);
    await page.getByRole("heading", { name: /^Account/ }).waitFor();
    await page.getByRole("link", { name: "My clusters" }).and(page.locator("[aria-current=page]")).waitFor();
    await page.getByRole("link", { name: "Byzantine DV5" }).waitFor();
    const mine = await page.locator("tbody tr").count();
    await screenshot(page, "04-operator-dashboard-mine");

    await page.getByRole("link", { name: "All clusters" }).click();
    await page.waitForURL(/view=global/);
    await page.getByRole("link", { name: "Byzantine DV1" }).waitFor();
    assert.ok((await page.locator("tbody tr").count()) > mine, "global shows more clusters than mine");

    // A new block changes no cluster, so only the button re-renders the page (and its footer).
    const block = page.getByTestId("latest-block");
    const before = await block.innerText();
    await mineBlock();
    await page.getByRole("button", { name: "Refresh" }).click();
    await page.waitForFunction((shown) => document.querySelector("[data-testid=latest-block]")?.textContent !== shown, before, { timeout: 10_000 });
    assert.notEqual(await block.innerText(), before);
  });

  it("explains a rejected signature in place, then succeeds", async () => {
    const page = await newPage(seededOperators[0]);
    const dv1 = (await (await fetch(`${stack.baseUrl}/api/clusters?view=global&sort=oldest`)).json()) as { rows: { configHash: Hex }[] };
    await page.goto(`/clusters/${dv1.rows[0].configHash}`);
    await connectWallet(page);
    await page.getByRole("heading", { name: "Accept the terms" }).waitFor();
    await page.evaluate(() => (window as unknown as { testWallet: { rejectNext(): void } }).testWallet.rejectNext());
    await page.getByRole("button", { name: "Accept terms" }).click();
    await page.getByText("You declined the request in your wallet").waitFor();
    await screenshot(page, "05-rejected-signature");
    await page.getByRole("button", { name: "Accept terms" }).click();
    await page.getByRole("heading", { name: "Register your node" }).waitFor();
  });

  it("of a non-operator sees no action block", async () => {
    const page = await newPage(outsider);
    await page.goto(`/clusters/${configHash}`);
    await connectWallet(page);
    await page.getByRole("heading", { name: "Operators" }).waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await page.locator("#sync-action-heading").count(), 0);
  });
});

describe("four operators", () => {
  it("accept the terms, register their nodes and see each other's progress without reloading", async () => {
    const pages: Page[] = [];
    for (const operator of operators) {
      const page = await newPage(operator);
      await page.goto(`/clusters/${configHash}`);
      await connectWallet(page);
      await page.getByRole("heading", { name: "Accept the terms" }).waitFor();
      pages.push(page);
    }
    operatorPages.push(...pages);
    await screenshot(pages[0], "06-action-block-terms");
    await waitForPills(pages[0], ["action", "action", "action", "action"]);

    for (const [i, page] of pages.entries()) {
      await page.getByRole("button", { name: "Accept terms" }).click();
      await page.getByRole("heading", { name: "Register your node" }).waitFor();
      await page.getByLabel("Your node's ENR").fill(operatorEnr(enrKeys[i], { ip: "127.0.0.1", tcp: 3610 + i, udp: 3630 + i }));
      await page.getByText("Valid ENR.").waitFor();
      if (i === 0) await screenshot(page, "07-register-node");
      await page.getByRole("button", { name: "Register your node" }).click();
      await page.getByRole("heading", { name: "Run the DKG" }).waitFor({ timeout: 20_000 });
      if (i === 0) {
        // The first operator waits (grey) while the others still have work (orange), on every screen.
        await waitForPills(pages[3], ["waiting", "action", "action", "action"]);
        await screenshot(pages[3], "08-teammate-sees-progress");
      }
    }

    for (const page of pages) {
      await waitForPills(page, ["action", "action", "action", "action"]);
      await page.getByText("Every operator is registered").waitFor({ timeout: 30_000 });
      const command = await page.locator("pre code").innerText();
      assert.ok(command.includes(`--definition-file="${stack.baseUrl}/api/v1/definition/${configHash}"`), command);
      assert.ok(command.includes(`--publish-address="${stack.baseUrl}/api/v1"`), command);
    }
    await screenshot(pages[0], "09-run-dkg");
  });

  it("see the validator once charon publishes the lock, and the cluster become active on-chain", async () => {
    // What charon does after the DKG: fetch the definition, run the ceremony, publish the lock
    // (to <publish-address>'s host at /lock, as charon's client builds the URL).
    const served = definitionSchema.parse(await (await fetch(`${stack.baseUrl}/api/v1/definition/${configHash}`)).json());
    dkg = await runTestDkg({ definition: served, operatorKeys: enrKeys, seed: "e2e" });
    const { json } = dkg;
    const published = await fetch(`${stack.baseUrl}/lock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(json),
    });
    assert.equal(published.status, 201, await published.text());
    await assertRedirect(`/clusters/${json.lock_hash}`, `/clusters/${configHash}`);

    for (const page of operatorPages) {
      await page.getByText("Distributed public key").waitFor({ timeout: 30_000 });
      await page.getByText("DKG done").first().waitFor({ timeout: 30_000 });
    }
    await screenshot(operatorPages[0], "10-lock-published");

    for (const command of ["activate", "verify"] as const) {
      await runAdmin({ command, configHash, portalUrl: stack.baseUrl, rpcUrl: stack.rpcUrl, deployment: stack.deployment });
    }
    for (const page of operatorPages) {
      await page.getByText("Active").first().waitFor({ timeout: 30_000 });
      await page.getByText("Registered on-chain").waitFor({ timeout: 30_000 });
    }
    await screenshot(operatorPages[1], "11-active");

    // The lock checks out on the verify page, in the browser and under the portal's CSP
    // (its SSZ hashing compiles WebAssembly, which the policy refused once).
    const verifyPage = await newPage(null);
    await verifyPage.goto("/verify");
    await verifyPage.locator("textarea").fill(JSON.stringify(dkg.lock));
    await verifyPage.getByRole("button", { name: "Verify", exact: true }).click();
    await verifyPage.getByText(/^Lock v[\d.]+: every check passes$/).waitFor({ timeout: 30_000 });
  });

  it("sign the validator's exit as charon does, see the threshold reached, and download a signed exit that verifies", async () => {
    // Each operator's node folder as charon dkg leaves it; three of them run `charon exit sign`
    // (the devnet command), which posts to <publish-address>'s host at /exp/partial_exits/….
    const nodesDir = await mkdtemp(join(tmpdir(), "e2e-nodes-"));
    try {
      await writeNodeFolders(nodesDir, dkg, enrKeys);
      const page = operatorPages[0];
      await page.getByText("No operator has signed an exit.").waitFor({ timeout: 30_000 });
      const sign = await page.locator("[aria-label^='Exit of validator'] pre code").innerText();
      assert.ok(sign.includes(`exit sign --publish-address="${stack.baseUrl}/api/v1"`), sign);
      for (const operator of [1, 2]) {
        const signed = await runExitSign({ configHash, operator, portalUrl: `${stack.baseUrl}/api/v1`, nodesDir });
        assert.equal(signed.status, 201, signed.message);
      }
      await page.getByText("2 of 4 operators signed an exit; 3 must sign the same one.").waitFor({ timeout: 30_000 });
      await screenshot(page, "12-exit-signing");
      assert.equal((await runExitSign({ configHash, operator: 4, portalUrl: `${stack.baseUrl}/api/v1`, nodesDir })).status, 201);
      await page.getByText(/Threshold reached: 3 of 4 operators \(3 needed\) signed the exit at epoch 194048/).waitFor({ timeout: 30_000 });
      await screenshot(page, "13-exit-ready");

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the signed exit" }).click()]);
      const pubkey = dkg.lock.distributed_validators[0].distributed_public_key.toLowerCase() as Hex;
      assert.equal(download.suggestedFilename(), `exit-${pubkey}.json`);
      const exit = JSON.parse(await readFile(await download.path(), "utf8")) as { message: { epoch: string; validator_index: string }; signature: Hex };
      const root = voluntaryExitSigningRoot({ epoch: BigInt(exit.message.epoch), validatorIndex: BigInt(exit.message.validator_index) }, dkg.lock.cluster_definition.fork_version as Hex);
      assert.ok(verify(hexToBytes(pubkey), root, hexToBytes(exit.signature)), "the downloaded exit verifies against the validator key");
    } finally {
      await rm(nodesDir, { recursive: true, force: true });
    }
  });

  it("fit a phone screen", async () => {
    const page = await newPage(operators[0], { viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`/clusters/${configHash}`);
    await page.getByRole("heading", { name: "Byzantine DV5" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
    await screenshot(page, "14-mobile-cluster");
  });
});

describe("the auction", () => {
  it("lets an operator place, change and withdraw a bid from the page", async () => {
    await auctionScenario({ baseUrl: stack.baseUrl, rpcUrl: stack.rpcUrl, browser: stack.browser });
  });
});

/** Every kind of page, for the checks that visit them all. */
const pages = () => ["/", "/?view=global&page=1", `/clusters/${configHash}`, "/auction", "/verify", `/clusters/0x${"ab".repeat(32)}`, "/no-such-page"];

describe("accessibility", () => {
  const sizes = [
    // axe-core evaluates code, which the portal's CSP refuses: its pages are checked without the CSP.
    { name: "desktop", viewport: { width: 1280, height: 900 }, bypassCSP: true },
    { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, bypassCSP: true },
  ];

  it("finds no WCAG 2.1 A/AA violation with axe-core on any page, at desktop and phone sizes, and would find one", async () => {
    const found: string[] = [];
    for (const size of sizes) {
      const page = await newPage(null, size);
      for (const path of pages()) {
        await page.goto(path);
        await page.locator("main").waitFor();
        for (const violation of await axeViolations(page)) found.push(`${size.name} ${path}: ${violation}`);
      }
    }
    // The operator's own view: the action block and the wallet button.
    const operatorPage = await newPage(operators[0], { bypassCSP: true });
    await operatorPage.goto(`/clusters/${configHash}`);
    await connectWallet(operatorPage);
    // Connecting refreshes the page's server data (components/wallet/account-refresh.tsx), and Next
    // takes the <title> out while the new one streams in: the check looks at the page a returning
    // operator gets, rendered for the wallet's cookie, once the wallet has reconnected.
    await operatorPage.reload();
    await operatorPage.getByRole("button", { name: /^Account menu for / }).waitFor();
    for (const violation of await axeViolations(operatorPage)) found.push(`operator cluster page: ${violation}`);
    assert.deepEqual(found, []);

    // The check sees a contrast that is too low (grey on the page's dark background).
    await operatorPage.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "Too faint to read";
      p.style.color = "#334155";
      document.querySelector("main")?.append(p);
    });
    assert.match((await axeViolations(operatorPage)).join("\n"), /^color-contrast/m);
  });
});

describe("HTTP hygiene", () => {
  it("sends security headers, starts scripts after the first paint, keeps the server's RPC URL out of pages, and answers bad API paths with JSON", async () => {
    const page = await newPage(operators[0]);
    const response = await page.goto(`/clusters/${configHash}`);
    await page.getByRole("heading", { name: "Byzantine DV5" }).waitFor();
    const headers = response!.headers();
    assert.match(headers["content-security-policy"], /frame-ancestors 'none'/);
    assert.equal(headers["x-content-type-options"], "nosniff");
    assert.equal(headers["x-powered-by"], undefined);
    assert.ok(!(await response!.text()).includes(stack.rpcSecret), "the page's HTML and data name the server's RPC_URL");

    // Next's scripts start after the first paint (lib/http/paint-first.ts): none is left as Next wrote it.
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    assert.match(html, /self\.__portalScript\("\/_next\/static\//);
    assert.doesNotMatch(html, /<script src="\/_next\/static\/[^"]+" async="">/);
    // Every page runs once under the policy (the accessibility check lifts it for axe), so the check below sees all of them.
    const visitor = await newPage(null);
    for (const path of pages()) await visitor.goto(path, { waitUntil: "networkidle" });

    const malformed = await fetch(`${stack.baseUrl}/api/v1/definition/%ff`);
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { message: string }).message, /percent-encoding/);
    for (const method of ["GET", "POST"]) {
      const unknown = await fetch(`${stack.baseUrl}/api/v1/no-such-route`, { method });
      assert.equal(unknown.status, 404);
      assert.match(((await unknown.json()) as { message: string }).message, /^No API route has this path/);
    }
  });

  it("keeps a visitor's page until the chain moves, and an operator's for that operator's wallet cookie only", async () => {
    const get = async (headers: Record<string, string> = {}) => {
      const response = await fetch(`${stack.baseUrl}/auction`, { headers });
      const html = await response.text();
      return { source: response.headers.get("x-portal-page"), block: /data-testid="latest-block"[^>]*>#(?:<!-- -->)?([\d,]+)</.exec(html)?.[1] };
    };
    await get();
    const kept = await get();
    assert.equal(kept.source, "kept");
    assert.ok(kept.block, "the kept page shows the latest block");
    // A browser with a wallet's cookie is not served the visitor's page: its own is rendered, then
    // kept for that cookie. Asked before the block below: the watcher's writes after a new block
    // move the state a moment later, and would make the second answer a render too.
    const operator = { cookie: `${walletCookie}={"state":{}}` };
    assert.equal((await get(operator)).source, "rendered");
    assert.deepEqual(await get(operator), kept);
    await mineBlock();
    const moved = await get();
    assert.equal(moved.source, "rendered");
    assert.notEqual(moved.block, kept.block);
    assert.deepEqual(await get(), { ...moved, source: "kept" });
  });

  it("saw no Content-Security-Policy violation on any page of this run, and would have seen one", async () => {
    const seen = [...stack.cspViolations];
    // A request to a node the policy does not name must be refused, and reported here.
    const probe = await newPage(null);
    await probe.goto("/");
    await probe.evaluate(() => fetch("http://192.0.2.1/").catch(() => undefined));
    for (let i = 0; i < 50 && stack.cspViolations.length === seen.length; i++) await probe.waitForTimeout(100);
    assert.match(stack.cspViolations.at(-1) ?? "", /192\.0\.2\.1/);
    assert.deepEqual(seen, []);
  });
});
