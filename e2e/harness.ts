/**
 * The browser tests' stack: a fresh anvil with the devnet deployed and seeded, the production
 * build of the portal served by server.ts (as `npm start` does), and Debian's Chromium driven by
 * playwright-core. Each browser context gets the injected test wallet (e2e/test-wallet.ts) of one
 * dev account, and reports every Content-Security-Policy violation into `stack.cspViolations`.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Account } from "viem";
import { freePort, startAnvil, type Anvil } from "@/devnet/anvil";
import { deployDevnet, type Deployment } from "@/devnet/deploy";
import { devnetPortalEnv } from "@/devnet/portal-env";
import { buildPortal, startProductionPortal } from "@/devnet/production-portal";
import { seedDevnet } from "@/devnet/seed";
import { testWalletScript } from "./test-wallet";

export const artifactsDir = new URL("./artifacts/", import.meta.url).pathname;

export type Stack = {
  baseUrl: string;
  rpcUrl: string;
  /** A part of the server's RPC_URL that must reach no browser (the browser gets the plain node URL). */
  rpcSecret: string;
  deployment: Deployment;
  browser: Browser;
  /** Every CSP violation a page reported, with the page's URL. */
  cspViolations: string[];
  stop(): Promise<void>;
};

/** Debian's Chromium, headless, quiet (no background traffic to count or wait for). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Starts everything; builds the portal first when CI asks for it or no build exists. */
export async function startStack(): Promise<Stack> {
  await mkdir(artifactsDir, { recursive: true });
  if (process.env.CI || process.env.E2E_BUILD || !existsSync(".next/BUILD_ID")) await buildPortal();

  let anvil: Anvil | undefined;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const dbDir = await mkdtemp(join(tmpdir(), "portal-e2e-"));
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    server?.kill("SIGTERM");
    await anvil?.stop();
    await rm(dbDir, { recursive: true, force: true });
  };
  try {
    anvil = await startAnvil();
    const deployment = await deployDevnet(anvil.rpcUrl);
    await seedDevnet(anvil.rpcUrl, deployment);
    // Anvil ignores the query: it stands for a provider's API key, which must stay on the server.
    const rpcSecret = "e2e-provider-key";
    const portal = await startProductionPortal(
      await freePort(),
      { ...devnetPortalEnv(`${anvil.rpcUrl}/?key=${rpcSecret}`, deployment, dbDir), PUBLIC_RPC_URL: anvil.rpcUrl },
      { readyPath: "/api/clusters?view=global" },
    );
    server = portal.child;
    const baseUrl = portal.url;
    browser = await launchChromium();
    return { baseUrl, rpcUrl: anvil.rpcUrl, rpcSecret, deployment, browser, cspViolations: [], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A browser context whose wallet is `account` (or none, for a visitor without a wallet). */
export async function walletContext(
  stack: Stack,
  account: Account | null,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await stack.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    isMobile: options.isMobile,
    bypassCSP: options.bypassCSP,
    hasTouch: options.isMobile,
    baseURL: stack.baseUrl,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.baseUrl });
  // Chromium reports a blocked load on the console; the event also catches what it reports elsewhere.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`)),
  );
  context.on("console", (message) => {
    if (/Content Security Policy|CSP violation/.test(message.text())) stack.cspViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  // A blocked WebAssembly compile is neither: the script that tried it throws.
  context.on("weberror", (error) => {
    if (/Content Security Policy/i.test(error.error().message)) stack.cspViolations.push(`${error.page()?.url()}: ${error.error().message}`);
  });
  if (account) {
    await context.addInitScript(testWalletScript({ rpcUrl: stack.rpcUrl, account: account.address, chainId: stack.deployment.chainId }));
  }
  return context;
}

/** Connects the injected test wallet through RainbowKit's modal, as a person would. */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect Wallet" }).first().click();
  await page.getByRole("button", { name: /Test Wallet/ }).click();
  // The account button replaces "Connect Wallet" once connected.
  await page.getByRole("button", { name: "Connect Wallet" }).first().waitFor({ state: "detached", timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
