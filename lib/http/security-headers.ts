/**
 * The headers every answer carries. Next's pages bootstrap with inline scripts, and RainbowKit
 * sets inline styles, hence 'unsafe-inline'; everything else is limited to this origin, plus the
 * public RPC node that the browser reads the chain from (PUBLIC_RPC_URL).
 */
export function securityHeaders({ dev, https, publicRpcUrl }: { dev: boolean; https: boolean; publicRpcUrl?: string }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays and call stacks.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${publicRpcUrl ? ` ${new URL(publicRpcUrl).origin}` : ""}`,
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
