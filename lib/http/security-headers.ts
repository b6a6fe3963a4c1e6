/**
 * The headers every answer carries. Next's pages bootstrap with inline scripts, and RainbowKit
 * sets inline styles, hence 'unsafe-inline'; everything else is limited to this origin, plus the
 * public RPC node that the browser reads the chain from (PUBLIC_RPC_URL) and, when configured,
 * WalletConnect (WALLETCONNECT_PROJECT_ID).
 */
export function securityHeaders({ dev, https, publicRpcUrl, walletConnect = false }: { dev: boolean; https: boolean; publicRpcUrl?: string; walletConnect?: boolean }): Record<string, string> {
  // WalletConnect's relay and its wallet list, only when a project id turns WalletConnect on.
  const walletConnectSources = walletConnect ? " wss://relay.walletconnect.com wss://relay.walletconnect.org https://*.walletconnect.com https://*.walletconnect.org" : "";
  const csp = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays and call stacks.
    // 'wasm-unsafe-eval' lets the verify page compile SSZ's SHA-256 WebAssembly (@chainsafe/as-sha256,
    // which throws without it); it allows no JavaScript eval.
    `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${publicRpcUrl ? ` ${new URL(publicRpcUrl).origin}` : ""}${walletConnectSources}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
