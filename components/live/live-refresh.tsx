"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import useSWR from "swr";
import { portalApi } from "@/components/http/portal-api";

const fetchStamp = async (url: string): Promise<string> => (await portalApi<{ stamp: string }>(url)).stamp;

/**
 * Keeps a server-rendered page current without reloads: polls `url` (a route handler built from
 * the same data as the page) on focus and every 12 s, and re-renders the page on the server when
 * its `stamp` differs from the one the page was rendered with.
 *
 * Each polled stamp triggers at most one refresh. The page and the route are rendered at different
 * moments and need not agree (the page knows the wallet cookie, a chain may move between the two):
 * comparing every new render's stamp with the same polled one would refresh again and again.
 */
export function LiveRefresh({ url, stamp }: { url: string; stamp: string }) {
  const router = useRouter();
  const { data } = useSWR(url, fetchStamp, { refreshInterval: 12_000, revalidateOnFocus: true, dedupingInterval: 2_000 });
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!data || data === stamp || data === refreshedFor.current) return;
    refreshedFor.current = data;
    router.refresh();
  }, [data, stamp, router]);
  return null;
}
