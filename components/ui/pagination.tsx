import Link from "next/link";

/** Previous/next links under a list; they keep the rest of the page's query. */
export function Pagination({
  page,
  pageSize,
  total,
  path,
  query,
  noun,
}: {
  page: number;
  pageSize: number;
  total: number;
  path: string;
  query: Record<string, string>;
  /** What the list holds, in the plural ("clusters", "bids"). */
  noun: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const href = (p: number) => `${path}?${new URLSearchParams({ ...query, page: String(p) })}`;
  const linkClass =
    "rounded-md border border-slate-700 px-3 py-1.5 hover:border-orange-500 focus-visible:ring-2 focus-visible:ring-orange-500 focus-visible:outline-none";
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex items-center justify-between text-sm text-slate-400">
      <span>
        Page {page} of {pages} · {total} {noun}
      </span>
      <span className="flex gap-2">
        {page > 1 && <Link className={linkClass} href={href(page - 1)}>Previous</Link>}
        {page < pages && <Link className={linkClass} href={href(page + 1)}>Next</Link>}
      </span>
    </nav>
  );
}
