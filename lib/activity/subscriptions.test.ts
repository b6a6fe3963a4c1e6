// Webhook subscriptions through their handlers, signed by real keys, stored in real databases.
import type { LookupAddress } from "node:dns";
import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { beforeAll, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabases } from "@/lib/db/testing";
import { testKeyHex } from "@/lib/obol/testdata/enr-builder";
import { subscribeTypedData, unsubscribeTypedData, type WebhookFormat } from "./subscription-message";
import { subscriptionHandlers } from "./subscriptions";
import { checkWebhookUrl, isNonPublicAddress } from "./webhook-url";

const chainId = 560048;
const operator = privateKeyToAccount(testKeyHex(71));
const stranger = privateKeyToAccount(testKeyHex(72));
// Names the tests resolve without a network: one public, one pointing into a private network.
const dns: Record<string, LookupAddress[]> = {
  "hooks.example": [{ address: "93.184.215.14", family: 4 }],
  "internal.example": [
    { address: "93.184.215.14", family: 4 },
    { address: "10.0.0.7", family: 4 },
  ],
};
const resolve = async (host: string) => {
  if (!dns[host]) throw new Error(`ENOTFOUND ${host}`);
  return dns[host];
};

let nonce = 1n;
const expiry = () => Math.floor(Date.now() / 1000) + 600;

async function subscribeBody(url: string, { signer = operator, format = "discord" as WebhookFormat, exp = expiry() } = {}) {
  const message = { operator: operator.address, url, format, nonce: nonce++, expiry: BigInt(exp) };
  const signature = await signer.signTypedData(subscribeTypedData(chainId, message));
  return { operator: operator.address, url, format, nonce: message.nonce.toString(), expiry: exp, signature };
}

async function unsubscribeBody(url: string, signer: LocalAccount = operator) {
  const message = { operator: operator.address, url, nonce: nonce++, expiry: BigInt(expiry()) };
  return { operator: operator.address, url, nonce: message.nonce.toString(), expiry: Number(message.expiry), signature: await signer.signTypedData(unsubscribeTypedData(chainId, message)) };
}

const request = (method: "POST" | "DELETE", body: unknown) =>
  new Request("http://portal.test/api/notifications/subscriptions", { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.each(testDatabases())("webhook subscriptions on $name", (engine) => {
  const db = suiteDatabase(engine);
  let handlers: ReturnType<typeof subscriptionHandlers>;
  beforeAll(async () => {
    handlers = subscriptionHandlers({ db: async () => db, chainId: () => chainId, allowedHosts: () => ["127.0.0.1"], resolve });
  });

  const subscriptions = async () => (await db.query<{ url: string; format: string }>("SELECT url, format FROM notification_subscriptions ORDER BY id")).map((r) => [r.url, r.format]);

  it("stores a webhook the operator signed for, once per signed message", async () => {
    const body = await subscribeBody("https://hooks.example/discord/1");
    const response = await handlers.subscribe(request("POST", body));
    expect(response.status).toBe(201);
    expect(await subscriptions()).toEqual([["https://hooks.example/discord/1", "discord"]]);

    // The very same message again is a replay, refused before anything is stored.
    const replay = await handlers.subscribe(request("POST", body));
    expect(replay.status).toBe(409);
    expect((await replay.json()).message).toBe("This signed message was already used; sign a new one.");

    // A new message for the same URL changes its format.
    expect((await handlers.subscribe(request("POST", await subscribeBody("https://hooks.example/discord/1", { format: "slack" })))).status).toBe(200);
    expect(await subscriptions()).toEqual([["https://hooks.example/discord/1", "slack"]]);
  });

  it("refuses a signature by another wallet, an expired message and a message valid for too long", async () => {
    const forged = await handlers.subscribe(request("POST", await subscribeBody("https://hooks.example/2", { signer: stranger })));
    expect(forged.status).toBe(403);
    expect((await forged.json()).message).toContain(`not ${operator.address}'s signature`);

    const expired = await handlers.subscribe(request("POST", await subscribeBody("https://hooks.example/2", { exp: Math.floor(Date.now() / 1000) - 1 })));
    expect(expired.status).toBe(400);
    const distant = await handlers.subscribe(request("POST", await subscribeBody("https://hooks.example/2", { exp: Math.floor(Date.now() / 1000) + 7200 })));
    expect(distant.status).toBe(400);

    // A signed body whose URL was changed after signing no longer matches its signature.
    const tampered = { ...(await subscribeBody("https://hooks.example/2")), url: "https://hooks.example/3" };
    expect((await handlers.subscribe(request("POST", tampered))).status).toBe(403);
    expect(await subscriptions()).toEqual([["https://hooks.example/discord/1", "slack"]]);
  });

  it.each([
    ["http://hooks.example/x", "must use https"],
    ["https://10.1.2.3/x", "private, loopback or link-local"],
    ["https://[::1]/x", "private, loopback or link-local"],
    ["https://169.254.169.254/latest", "private, loopback or link-local"],
    ["https://internal.example/x", "internal.example resolves to a private"],
    ["https://nowhere.example/x", "does not resolve"],
    ["https://user:pw@hooks.example/x", "user name or password"],
  ])("refuses %s", async (url, reason) => {
    const response = await handlers.subscribe(request("POST", await subscribeBody(url)));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toContain(reason);
  });

  it("accepts a plain-http receiver on the allow-list", async () => {
    expect((await handlers.subscribe(request("POST", await subscribeBody("http://127.0.0.1:9/hook", { format: "json" })))).status).toBe(201);
  });

  it("removes a webhook by signature only", async () => {
    expect((await handlers.unsubscribe(request("DELETE", await unsubscribeBody("http://127.0.0.1:9/hook", stranger)))).status).toBe(403);
    const body = await unsubscribeBody("http://127.0.0.1:9/hook");
    expect((await handlers.unsubscribe(request("DELETE", body))).status).toBe(200);
    expect((await handlers.unsubscribe(request("DELETE", body))).status).toBe(409);
    expect((await handlers.unsubscribe(request("DELETE", await unsubscribeBody("http://127.0.0.1:9/hook")))).status).toBe(404);
    expect(await subscriptions()).toEqual([["https://hooks.example/discord/1", "slack"]]);
  });
});

describe("webhook addresses", () => {
  it("tells public addresses from the rest, IPv4 inside IPv6 included", () => {
    for (const address of ["127.0.0.1", "10.2.3.4", "172.31.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not an ip"]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.215.14"]) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });

  it("lets allow-listed hosts skip the rules, and nothing else", async () => {
    await expect(checkWebhookUrl("http://localhost:8080/x", ["localhost"], resolve)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl("http://localhost:8080/x", ["127.0.0.1"], resolve)).rejects.toThrow("must use https");
    await expect(checkWebhookUrl("https://hooks.example/x", [], resolve)).resolves.toBeInstanceOf(URL);
  });
});
