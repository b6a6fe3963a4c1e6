import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-16 text-center">
      <p className="text-5xl font-bold text-orange-500">404</p>
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="text-slate-400">The link may be mistyped or out of date.</p>
      <Link href="/" className="inline-block rounded-md bg-orange-500 px-4 py-2 font-medium text-slate-950 hover:bg-orange-400">
        Go to the dashboard
      </Link>
    </div>
  );
}
