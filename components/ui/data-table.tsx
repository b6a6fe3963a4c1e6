import type { ComponentProps, ReactNode } from "react";
import { TableScroll } from "@/components/ui/table-scroll";

/** A column heading; a numeric column is right-aligned like its figures. */
export type Column = string | { label: string; align: "right" };

const columnLabel = (column: Column) => (typeof column === "string" ? column : column.label);

/** A table with one header row of column headings, each with its own classes. */
function Table({
  className,
  caption,
  headClassName,
  headings,
  children,
}: {
  className: string;
  caption?: ReactNode;
  headClassName: string;
  headings: { label: string; className: string }[];
  children: ReactNode;
}) {
  return (
    <table className={className}>
      {caption}
      <thead className={headClassName}>
        <tr>
          {headings.map((heading) => (
            <th key={heading.label} scope="col" className={heading.className}>
              {heading.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/**
 * A page's main table: framed, scrolling sideways when narrower than `minWidth` (a Tailwind
 * `min-w-*` class, written out where it is used so Tailwind sees it).
 */
export function DataTable({
  label,
  columns,
  minWidth = "",
  className = "",
  children,
}: {
  label: string;
  columns: Column[];
  minWidth?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <TableScroll label={label} className={className ? `rounded-lg border border-slate-800 ${className}` : "rounded-lg border border-slate-800"}>
      <Table
        className={minWidth ? `w-full ${minWidth} text-left text-sm` : "w-full text-left text-sm"}
        headClassName="bg-slate-900/80 text-xs tracking-wide text-slate-400 uppercase"
        headings={columns.map((column) => ({
          label: columnLabel(column),
          className: typeof column === "string" ? "px-4 py-3 font-medium" : "px-4 py-3 text-right font-medium",
        }))}
      >
        {children}
      </Table>
    </TableScroll>
  );
}

/** A body row of a table, ruled off from the one above. */
export function Row({ className = "", ...props }: ComponentProps<"tr">) {
  return <tr {...props} className={className ? `border-t border-slate-800 ${className}` : "border-t border-slate-800"} />;
}

/** A body cell of a `DataTable`, padded like its heading. */
export function Cell({ className = "", ...props }: ComponentProps<"td">) {
  return <td {...props} className={className ? `px-4 py-3 ${className}` : "px-4 py-3"} />;
}

/** What stands instead of a table that has no row. */
export function EmptyTable({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-dashed border-slate-700 p-10 text-center text-slate-400">{children}</div>;
}

/**
 * A small unframed table inside a card, named by its caption. `hideCaption` leaves the caption to
 * screen readers where the text above already says what the table is; `scroll` puts it in a
 * scroll box named like it, for tables of long keys.
 */
export function CompactTable({
  caption,
  hideCaption = false,
  scroll = false,
  columns,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  scroll?: boolean;
  columns: string[];
  children: ReactNode;
}) {
  const table = (
    <Table
      className="w-full text-left text-sm"
      caption={<caption className={hideCaption ? "sr-only" : "pb-1 text-left text-xs tracking-wide text-slate-400 uppercase"}>{caption}</caption>}
      headClassName="text-xs text-slate-400"
      headings={columns.map((column, i) => ({ label: column, className: i < columns.length - 1 ? "py-1 pr-4 font-normal" : "py-1 font-normal" }))}
    >
      {children}
    </Table>
  );
  return scroll ? <TableScroll label={caption}>{table}</TableScroll> : table;
}
