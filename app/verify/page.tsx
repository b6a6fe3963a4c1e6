import type { Metadata } from "next";
import { VerifyTool } from "@/components/verify/verify-tool";

export const metadata: Metadata = {
  title: "Verify a file",
  description: "Check a charon cluster definition or lock: hashes, every operator's signatures, node signatures and BLS material.",
};

export default function VerifyPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Verify a cluster file</h1>
        <p className="text-sm text-slate-400">
          Every check charon makes on a cluster definition or lock (versions v1.6 to v1.10), the same as{" "}
          <code className="font-mono text-slate-300">npm run verify</code>: the config, definition and lock hashes, the creator&apos;s and each
          operator&apos;s EIP-712 signatures, ENRs, node signatures, the BLS signature aggregate, and each validator&apos;s public shares,
          deposit data and builder registration.
        </p>
      </div>
      <VerifyTool />
    </div>
  );
}
