import Link from "next/link";
import { NavLink } from "./nav-link";

const links = [
  { href: "/", label: "Dashboard" },
  { href: "/auction", label: "Auction" },
  { href: "/verify", label: "Verify a file" },
];

export function Sidebar() {
  return (
    <nav aria-label="Main" className="flex flex-col gap-6 md:w-56 md:shrink-0">
      <Link href="/" className="flex items-center gap-2 px-3 text-base font-semibold whitespace-nowrap text-white">
        <span aria-hidden className="grid h-8 w-8 shrink-0 place-items-center rounded-md bg-orange-500 font-bold text-slate-950">
          B
        </span>
        <span>
          Byzantine <span className="text-slate-400">DV Portal</span>
        </span>
      </Link>
      <ul className="flex gap-1 md:flex-col">
        {links.map((link) => (
          <li key={link.href}>
            <NavLink href={link.href}>{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
