"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import useSWR from "swr";

const fetchStamp = async (url: string): Promise<string> => {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return ((await response.json()) as { stamp: string }).stamp;
};

/**
 * Keeps a server-rendered page current without reloads: polls `url` (a route handler built from
 * the same data as the page) on focus and every 12 s, and re-renders the page on the server when
 * its `stamp` differs from the one the page was rendered with.
 */
export function LiveRefresh({ url, stamp }: { url: string; stamp: string }) {
  const router = useRouter();
  const { data } = useSWR(url, fetchStamp, { refreshInterval: 12_000, revalidateOnFocus: true, dedupingInterval: 2_000 });
  useEffect(() => {
    if (data && data !== stamp) router.refresh();
  }, [data, stamp, router]);
  return null;
}
