/**
 * A real EIP-1193 wallet for the browser tests: injected before the page loads, announced with
 * EIP-6963 (so RainbowKit lists it as an installed wallet), and forwarding every request to the
 * test chain node, whose unlocked development accounts sign typed data and send transactions.
 * `window.testWallet.rejectNext()` makes the next signature or transaction fail as if the user
 * pressed "Reject" (EIP-1193 error 4001).
 */
export function testWalletScript(options: { rpcUrl: string; account: string; chainId: number }): string {
  // tsx compiles with esbuild's keepNames, whose `__name` helper the page does not have.
  return `(() => { const __name = (target) => target; (${install.toString()})(${JSON.stringify(options)}); })();`;
}

// Runs in the page: it may only use what a browser has.
function install({ rpcUrl, account, chainId }: { rpcUrl: string; account: string; chainId: number }) {
  const listeners: Record<string, Set<(value: unknown) => void>> = {};
  // Like a browser wallet, it remembers that the site may see the account, so a reload reconnects.
  // (about:blank and opaque origins have no storage: nothing is remembered there.)
  const permission = "testWallet.connected";
  const remembered = () => {
    try {
      return localStorage.getItem(permission) === account;
    } catch {
      return false;
    }
  };
  const remember = (allowed: boolean) => {
    try {
      if (allowed) localStorage.setItem(permission, account);
      else localStorage.removeItem(permission);
    } catch {
      // Not remembered.
    }
    return allowed;
  };
  let connected = remembered();
  let rejectNext = false;
  let id = 0;
  const userConfirmed = new Set(["eth_sendTransaction", "eth_signTypedData_v4", "personal_sign", "eth_sign"]);

  const rpc = async (method: string, params: unknown[] = []) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  };
  const emit = (event: string, value: unknown) => listeners[event]?.forEach((listener) => listener(value));

  const provider = {
    isTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown[] }) {
      if (userConfirmed.has(method) && rejectNext) {
        rejectNext = false;
        throw Object.assign(new Error("User rejected the request."), { code: 4001 });
      }
      switch (method) {
        case "eth_requestAccounts":
          connected = remember(true);
          emit("connect", { chainId: `0x${chainId.toString(16)}` });
          return [account];
        case "eth_accounts":
          return connected ? [account] : [];
        case "eth_chainId":
          return `0x${chainId.toString(16)}`;
        case "wallet_requestPermissions":
          connected = remember(true);
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_getPermissions":
          return connected ? [{ parentCapability: "eth_accounts" }] : [];
        case "wallet_revokePermissions":
          connected = remember(false);
          emit("accountsChanged", []);
          return null;
        case "wallet_switchEthereumChain": {
          const wanted = parseInt((params?.[0] as { chainId: string }).chainId, 16);
          if (wanted !== chainId) throw Object.assign(new Error(`Unrecognized chain ${wanted}`), { code: 4902 });
          return null;
        }
        default:
          return rpc(method, params ?? []);
      }
    },
    on(event: string, listener: (value: unknown) => void) {
      (listeners[event] ??= new Set()).add(listener);
      return provider;
    },
    removeListener(event: string, listener: (value: unknown) => void) {
      listeners[event]?.delete(listener);
      return provider;
    },
  };

  const icon =
    "data:image/svg+xml;base64," +
    btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#f97316"/></svg>');
  const detail = Object.freeze({
    info: { uuid: "0d6a8e2c-5b1f-4c1e-9f55-7d1f0c7a0b01", name: "Test Wallet", icon, rdns: "dev.byzantine.test-wallet" },
    provider,
  });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
  Object.assign(window, { testWallet: { rejectNext: () => (rejectNext = true), account } });
}
