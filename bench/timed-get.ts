/**
 * A benchmark GET's wall time, body read. A reset pooled connection (the server closed it while
 * idle) is retried once, within the time; any other failure or a non-2xx answer throws. Fetch's
 * "no-store" sends HTTP's no-cache, so a page is rendered, not served as kept for visitors.
 */
export async function timedGet(url: string): Promise<number> {
  const start = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, { cache: "no-store" });
      await response.text();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return performance.now() - start;
    } catch (error) {
      if (attempt > 0) throw error;
    }
  }
}
