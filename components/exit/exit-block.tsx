import { CharonCommand } from "@/components/ui/charon-command";
import { CompactTable, Row } from "@/components/ui/data-table";
import { shortHex } from "@/lib/format/text";
import type { ExitView } from "@/lib/exits/view";

/**
 * The cluster's voluntary exit, as charon coordinates it through this portal (docs/obol.md §Exits
 * and deposits): who has signed which exit, the commands for the next step, and the combined signed
 * exit once a threshold of operators signed the same one.
 */
export function ExitBlock({ view }: { view: ExitView | null }) {
  return (
    <section aria-labelledby="exit-heading" className="space-y-4 rounded-lg border border-slate-800 p-4">
      <div className="space-y-2">
        <h2 id="exit-heading" className="font-semibold">Exit the validator</h2>
        <p className="text-sm text-slate-400">
          An exit stops the validator for good: once the beacon chain processes it, the validator no longer attests or proposes, so it
          stops earning for every operator of the cluster, and after the withdrawal delay its balance goes to the withdrawal address
          (the cluster&apos;s EigenPod). A broadcast exit cannot be taken back. It takes {view ? view.threshold : "a threshold of"} operators
          signing the same exit, so no single operator can exit the cluster alone. This portal only collects and checks the signatures:
          Byzantine&apos;s contracts show the cluster as Exited when its vault records the exit, not before.
        </p>
      </div>
      {view === null ? (
        <p className="text-sm text-slate-400">There is nothing to exit yet: the validator exists once the DKG has published its lock.</p>
      ) : (
        view.validators.map((v) => {
          const signed = v.operators.filter((o) => o.signed !== null);
          return (
            <div key={v.pubkey} className="space-y-3" aria-label={`Exit of validator ${v.pubkey}`}>
              <p className="font-mono text-xs break-all text-slate-300">{v.pubkey}</p>
              <p className="text-sm" aria-live="polite">
                {v.ready ? (
                  <span className="text-green-400">
                    Threshold reached: {v.ready.signers} of {v.operators.length} operators ({view.threshold} needed) signed the exit at epoch {v.ready.epoch}{" "}
                    (validator index {v.ready.validatorIndex}).
                  </span>
                ) : (
                  <span className="text-slate-300">
                    {signed.length === 0 ? "No operator has signed an exit." : `${signed.length} of ${v.operators.length} operators signed an exit; ${view.threshold} must sign the same one.`}
                  </span>
                )}
              </p>
              <CompactTable caption="Exit signatures by operator" hideCaption columns={["Share", "Operator", "Exit signed"]}>
                {v.operators.map((o) => (
                  <Row key={o.shareIndex}>
                    <td className="py-1 pr-4">{o.shareIndex}</td>
                    <td className="py-1 pr-4 font-mono text-xs" title={o.address}>
                      {shortHex(o.address)}
                    </td>
                    <td className="py-1">
                      {o.signed ? `epoch ${o.signed.epoch}, validator index ${o.signed.validatorIndex}` : <span className="text-slate-400">not yet</span>}
                    </td>
                  </Row>
                ))}
              </CompactTable>
              {v.ready ? (
                <div className="space-y-2 text-sm text-slate-300">
                  <p>
                    <a href={v.download} download className="rounded-md bg-orange-500 px-3 py-1.5 font-semibold text-slate-950 hover:bg-orange-400 focus-visible:ring-2 focus-visible:ring-orange-300 focus-visible:outline-none">
                      Download the signed exit
                    </a>
                  </p>
                  <p className="text-slate-400">
                    The portal combines the partial signatures by their share indices and checks the result against the validator&apos;s key before
                    you download it. Any beacon node takes the file (POST /eth/v1/beacon/pool/voluntary_exits), or any operator broadcasts it with:
                  </p>
                  <CharonCommand commands={v.commands.broadcast} label="Copy broadcast command" />
                </div>
              ) : (
                <div className="space-y-2 text-sm text-slate-400">
                  <p>
                    Each operator signs the same exit from the directory holding its <code className="rounded bg-slate-800 px-1">.charon</code> folder;
                    charon needs a beacon node (<code className="rounded bg-slate-800 px-1">$BEACON_NODE</code>) to look up the validator index. Epoch {v.epoch}{" "}
                    {signed.length > 0 ? "is the one already signed." : "is the current one; an exit is valid from its epoch on."}
                  </p>
                  <CharonCommand commands={v.commands.sign} label="Copy sign command" />
                </div>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}
