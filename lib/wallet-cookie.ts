/**
 * Where wagmi keeps a browser's wallet state: the cookie `${walletStorageKey}.store`, which the
 * server reads to render an operator's pages (lib/wallet/connected-account.ts) and server.ts looks for to
 * keep an operator's pages apart from visitors' (lib/http/page-cache.ts). Outside lib/wallet, without wagmi:
 * server.ts loads this without the wallet stack.
 */
export const walletStorageKey = "wagmi";
export const walletCookie = `${walletStorageKey}.store`;
