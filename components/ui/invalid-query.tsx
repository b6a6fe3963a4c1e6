import Link from "next/link";
import type { ZodError } from "zod";

/** A page's answer to a link whose query does not parse: the first wrong parameter, and the way back. */
export function InvalidQuery({ error, back, backLabel }: { error: ZodError; back: string; backLabel: string }) {
  const issue = error.issues[0];
  return (
    <div role="alert" className="rounded-lg border border-red-500/60 bg-red-500/10 p-4 text-sm text-red-200">
      The link has an invalid {String(issue.path[0])}: {issue.message}. <Link href={back} className="underline">{backLabel}</Link>
    </div>
  );
}
