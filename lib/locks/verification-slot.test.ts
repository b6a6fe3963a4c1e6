import { describe, expect, it } from "vitest";
import { HttpError } from "@/lib/http";
import { inVerificationSlot } from "./verification-slot";

describe("inVerificationSlot", () => {
  it("runs one lock's work at a time, lets 16 wait in order, and tells the next poster to retry (503)", async () => {
    const order: number[] = [];
    let finishFirst!: () => void;
    const first = inVerificationSlot(async () => {
      order.push(0);
      await new Promise<void>((resolve) => (finishFirst = resolve));
      return 0;
    });
    const queued = Array.from({ length: 16 }, (_, k) =>
      inVerificationSlot(async () => {
        order.push(k + 1);
        return k + 1;
      }),
    );
    const refused = await inVerificationSlot(async () => "ran").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 503, headers: { "retry-after": "5" } });
    expect(order).toEqual([0]);

    finishFirst();
    expect(await Promise.all([first, ...queued])).toEqual(Array.from({ length: 17 }, (_, k) => k));
    expect(order).toEqual(Array.from({ length: 17 }, (_, k) => k));
  });

  it("frees the slot after a refusal thrown inside it", async () => {
    await expect(inVerificationSlot(async () => Promise.reject(new HttpError(422, "no")))).rejects.toMatchObject({ status: 422 });
    expect(await inVerificationSlot(async () => "next")).toBe("next");
  });
});
