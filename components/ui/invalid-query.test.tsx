// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidQuery } from "./invalid-query";

describe("InvalidQuery", () => {
  it("names the first wrong parameter and links back", () => {
    const parsed = z.object({ page: z.coerce.number().int().min(1) }).safeParse({ page: "0" });
    if (parsed.success) throw new Error("expected the query to be refused");
    render(<InvalidQuery error={parsed.error} back="/auction" backLabel="Back to the auction" />);
    expect(screen.getByRole("alert").textContent).toMatch(/^The link has an invalid page: .+\. Back to the auction$/);
    expect(screen.getByRole("link", { name: "Back to the auction" }).getAttribute("href")).toBe("/auction");
  });
});
