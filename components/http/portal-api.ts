/** The browser's one way to call this portal's API: JSON in, JSON out, a refusal as ApiError. */

/** A refusal from this portal's API, with the sentence the server wrote. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Calls `url` (a GET, or `method` with `body` sent as JSON) and returns the parsed reply; an
 * answer other than 2xx throws ApiError with the server's `message`, or its status when it gave none.
 */
export async function portalApi<T>(
  url: string,
  { method = "GET", body, headers = {} }: { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(url, {
    method,
    cache: "no-store",
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const reply = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok) throw new ApiError(response.status, reply?.message ?? `The portal answered ${response.status} ${response.statusText}.`);
  return reply as T;
}
