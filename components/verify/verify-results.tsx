// Every check of `npm run verify` for one file, as a list a person can read: what was checked,
// whether it passed, and the values it was checked on (hashes, addresses, ENR endpoint, deposit
// amounts and withdrawal credentials, registration), grouped as charon's files are.
import { useId, type ReactNode, type Ref } from "react";
import { formatUnits } from "viem";
import { parseEnr } from "@/lib/obol/enr";
import type { DepositCheck, DvBlsResult } from "@/lib/obol/lock/bls";
import type { ClusterFile, Definition } from "@/lib/obol/schema";
import type { EnrCheck, HashCheck, VerifyResult } from "@/lib/obol/verify";
import { CheckRow, type Outcome } from "./check-status";
import { summaryLine } from "./summary";

const Mono = ({ children }: { children: ReactNode }) => <code className="font-mono text-xs break-all text-slate-300">{children}</code>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="rounded-lg border border-slate-800 bg-slate-900/40 p-4" aria-labelledby={id}>
      <h3 id={id} className="text-sm font-semibold tracking-wide text-slate-300 uppercase">
        {title}
      </h3>
      <ul className="mt-2 divide-y divide-slate-800">{children}</ul>
    </section>
  );
}

function HashRow({ label, check }: { label: string; check: HashCheck }) {
  return (
    <CheckRow outcome={check.ok} label={label}>
      <div>
        expected <Mono>{check.expected}</Mono>
      </div>
      <div>
        computed {check.computed ? <Mono>{check.computed}</Mono> : <span className="text-red-300">could not be computed: {check.error}</span>}
      </div>
    </CheckRow>
  );
}

const signatureLabel = (o: Outcome, what: string) =>
  o === null ? `${what}: not signed yet` : o ? `${what}: valid` : `${what}: invalid`;

function EnrRow({ enr, check }: { enr: string; check: EnrCheck }) {
  if (check === null) return <CheckRow outcome={null} label="ENR: not registered yet" />;
  if (!check.ok) return <CheckRow outcome={false} label="ENR: invalid">{check.reason}</CheckRow>;
  const parsed = parseEnr(enr);
  const endpoint = parsed.ok && parsed.enr.ip ? `${parsed.enr.ip}${parsed.enr.tcp ? `:${parsed.enr.tcp}` : ""}` : null;
  return (
    <CheckRow outcome label="ENR: valid record">
      <div>
        node key <Mono>{check.publicKey}</Mono>
      </div>
      <div>{endpoint ? <>address {endpoint} (tcp)</> : "no IP address in the record (a relay-only node)"}</div>
    </CheckRow>
  );
}

function OperatorsSection({ def, result }: { def: Definition; result: VerifyResult }) {
  return (
    <Section title="Operators">
      {def.operators.map((op, i) => (
        <li key={i} className="py-3">
          <h4 className="text-sm font-semibold text-white">
            Operator {i + 1} <Mono>{op.address || "(no address)"}</Mono>
          </h4>
          <ul className="mt-1 pl-1">
            <EnrRow enr={op.enr} check={result.enrs[i]} />
            <CheckRow outcome={result.operator_config_signatures[i]} label={signatureLabel(result.operator_config_signatures[i], "Config hash signature (EIP-712)")} />
            <CheckRow outcome={result.enr_signatures[i]} label={signatureLabel(result.enr_signatures[i], "ENR signature (EIP-712)")} />
            {result.node_signatures && (
              <CheckRow outcome={result.node_signatures[i]} label={signatureLabel(result.node_signatures[i], "Node signature of the lock hash")}>
                The charon node key from the ENR signed the lock hash.
              </CheckRow>
            )}
          </ul>
        </li>
      ))}
    </Section>
  );
}

const eth = (gwei: string) => {
  try {
    return `${formatUnits(BigInt(gwei), 9)} ETH`;
  } catch {
    return `${gwei} Gwei (not a number)`;
  }
};

function credentials(w: DepositCheck["withdrawal"]): ReactNode {
  if (w.type === "0x00") return "0x00: a BLS withdrawal key, no execution address";
  if (w.type === "invalid") return "not valid withdrawal credentials";
  return (
    <>
      {w.type}
      {w.type === "0x02" && " (compounding)"}: withdraws to <Mono>{w.address}</Mono>
    </>
  );
}

function DepositRow({ d, index, count }: { d: DepositCheck; index: number; count: number }) {
  return (
    <CheckRow outcome={d.valid} label={`Deposit${count > 1 ? ` ${index + 1} of ${count}` : ""}: ${eth(d.amount_gwei)}`}>
      <div>
        withdrawal credentials {credentials(d.withdrawal)}
        {!d.withdrawal_matches && <span className="text-red-300"> — the definition expects {credentials(d.expected_withdrawal)}</span>}
      </div>
      <div>signature {d.signature_valid ? "valid for the distributed key" : "invalid"}</div>
      {d.deposit_data_root && (
        <div>
          deposit data root <Mono>{d.deposit_data_root}</Mono>
        </div>
      )}
      {d.reason && <div className="text-red-300">{d.reason}</div>}
    </CheckRow>
  );
}

function ValidatorSection({ v }: { v: DvBlsResult }) {
  const shares = v.details.public_shares;
  const reg = v.details.builder_registration;
  return (
    <Section title={`Validator ${v.index + 1}`}>
      <li className="py-2 text-sm text-slate-400">
        distributed public key <Mono>{v.distributed_public_key}</Mono>
      </li>
      <CheckRow outcome={v.public_shares} label={`Public shares: ${shares.count}, any ${shares.threshold} rebuild the distributed key`}>
        {shares.reason && <div className="text-red-300">{shares.reason}</div>}
      </CheckRow>
      {v.details.deposit_data.length === 0 ? (
        <CheckRow outcome={v.deposit_data} label="Deposit data">
          {v.details.deposit_data_reason}
        </CheckRow>
      ) : (
        v.details.deposit_data.map((d, i) => <DepositRow key={i} d={d} index={i} count={v.details.deposit_data.length} />)
      )}
      <CheckRow outcome={v.builder_registration} label="Builder registration">
        {reg && (
          <div>
            fee recipient <Mono>{reg.fee_recipient}</Mono>, gas limit {reg.gas_limit.toLocaleString("en-US")}, timestamp {reg.timestamp_iso ?? reg.timestamp}
          </div>
        )}
        {v.details.builder_registration_reason && (
          <div className={v.builder_registration === false ? "text-red-300" : undefined}>{v.details.builder_registration_reason}</div>
        )}
      </CheckRow>
    </Section>
  );
}

const SUMMARY_TONES = {
  pass: "border-emerald-500/50 bg-emerald-500/10 text-emerald-200",
  fail: "border-red-500/60 bg-red-500/10 text-red-200",
  incomplete: "border-slate-600 bg-slate-800/50 text-slate-200",
} as const;

export function VerifyResults({ file, result, headingRef }: { file: ClusterFile; result: VerifyResult; headingRef?: Ref<HTMLHeadingElement> }) {
  const def = file.kind === "lock" ? file.lock.cluster_definition : file.definition;
  const summary = summaryLine(result);
  return (
    <div className="space-y-4">
      <div className={`rounded-lg border p-4 ${SUMMARY_TONES[summary.tone]}`}>
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
          {summary.headline}
        </h2>
        <p className="mt-1 text-sm">
          {summary.counts}
          {def.name && <> · cluster “{def.name}”</>} · {def.operators.length} operators, threshold {def.threshold}, fork {def.fork_version}
        </p>
      </div>

      {result.problems.length > 0 && (
        <Section title="Problems">
          {result.problems.map((p) => (
            <CheckRow key={p} outcome={false} label={p} />
          ))}
        </Section>
      )}

      <Section title="Hashes">
        <HashRow label="Config hash" check={result.config_hash} />
        <HashRow label="Definition hash" check={result.definition_hash} />
        {result.lock_hash && <HashRow label="Lock hash" check={result.lock_hash} />}
      </Section>

      <Section title="Creator">
        <CheckRow outcome={result.creator_signature} label={signatureLabel(result.creator_signature, "Creator config hash signature (EIP-712)")}>
          creator <Mono>{def.creator.address || "(none)"}</Mono>
        </CheckRow>
      </Section>

      <OperatorsSection def={def} result={result} />

      {result.kind === "lock" && (
        <Section title="Lock signature">
          <CheckRow outcome={result.signature_aggregate} label="BLS signature aggregate over the lock hash">
            {result.bls ? (
              <div>
                by all {result.bls.details.signature_aggregate.public_share_count} public shares
                {result.bls.details.signature_aggregate.reason && <span className="text-red-300"> — {result.bls.details.signature_aggregate.reason}</span>}
              </div>
            ) : (
              "the BLS checks could not run (see the problems above)"
            )}
          </CheckRow>
        </Section>
      )}

      {result.bls?.validators.map((v) => <ValidatorSection key={v.index} v={v} />)}
    </div>
  );
}
