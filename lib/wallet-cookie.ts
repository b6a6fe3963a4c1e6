/**
 * Where wagmi keeps a browser's wallet state: the cookie `${walletStorageKey}.store`, which the
 * server reads to render an operator's pages (lib/wallet/connected-account.ts) and server.ts keeps an
 * operator's pages under (lib/http/page-cache.ts). Outside lib/wallet, without wagmi:
 * server.ts loads this without the wallet stack.
 */
export const walletStorageKey = "wagmi";
export const walletCookie = `${walletStorageKey}.store`;
