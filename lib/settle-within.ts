/**
 * How `promise` settles within `ms`: its value, its error, or the error "late" when it has not
 * settled by then (it goes on; only the wait ends). For work that a request waits for only so long.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ error: "late" }>((resolve) => {
    timer = setTimeout(() => resolve({ error: "late" }), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), late]);
  } finally {
    clearTimeout(timer);
  }
}
