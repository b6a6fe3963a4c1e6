import { getEnv } from "@/lib/env";
import { explorerHref, shortHex } from "@/lib/format/text";
import { CopyButton } from "./copy-button";

/** An address or transaction, shortened, with a copy button and a link to the explorer if any. */
export function ExplorerLink({ kind, value, full = false }: { kind: "address" | "tx"; value: string; full?: boolean }) {
  const explorer = getEnv().EXPLORER_URL;
  const text = full ? value : shortHex(value);
  return (
    <span className="inline-flex items-center gap-1 font-mono whitespace-nowrap">
      {explorer ? (
        <a
          href={explorerHref(explorer, kind, value)}
          target="_blank"
          rel="noreferrer"
          className="text-orange-300 hover:underline"
          title={`Open ${value} in the explorer`}
        >
          {text}
        </a>
      ) : (
        <span title={value}>{text}</span>
      )}
      <CopyButton value={value} label={kind === "tx" ? "Copy transaction hash" : "Copy address"} />
    </span>
  );
}
