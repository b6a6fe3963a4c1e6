// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ClusterSummary } from "@/lib/clusters/summary";
import { ClusterTable } from "./cluster-table";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

function row(overrides: Partial<ClusterSummary> = {}): ClusterSummary {
  return {
    clusterId: `0x${"11".repeat(32)}`,
    configHash: `0x${"aa".repeat(32)}`,
    name: "Byzantine DV1",
    createdAt: "2026-11-24T16:14:34.000Z",
    validators: 1,
    operators: 4,
    chainStatus: 1,
    status: "Waiting for operators (1/4)",
    myDays: null,
    myVcs: null,
    shortestDays: 120,
    longestDays: 730,
    isMine: false,
    actionRequired: false,
    ...overrides,
  };
}

describe("ClusterTable", () => {
  it("shows one row per cluster with the dashboard's columns", () => {
    render(
      <ClusterTable
        rows={[
          row(),
          row({ clusterId: `0x${"22".repeat(32)}`, configHash: `0x${"bb".repeat(32)}`, name: "Byzantine DV2", myDays: 365, isMine: true, actionRequired: true, status: "Ready for DKG" }),
        ]}
      />,
    );
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Cluster", "Validators", "Period", "Operators", "Status", "Created"]);
    const [, first, second] = within(table).getAllByRole("row");
    expect(within(first).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "Byzantine DV1",
      "1",
      "120–730 days",
      "4",
      "Waiting for operators (1/4)",
      "24 Nov 2026",
    ]);
    // The operator's own period, and the orange mark when the next step is theirs.
    expect(within(second).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "Byzantine DV2Action required",
      "1",
      "365 days",
      "4",
      "Ready for DKG",
      "24 Nov 2026",
    ]);
    expect(within(first).getByRole("link", { name: "Byzantine DV1" })).toHaveAttribute("href", `/clusters/0x${"aa".repeat(32)}`);

    // Phones get one card per cluster, each a link to it.
    const cards = within(screen.getByRole("list", { name: "Clusters" })).getAllByRole("link");
    expect(cards.map((c) => c.getAttribute("href"))).toEqual([`/clusters/0x${"aa".repeat(32)}`, `/clusters/0x${"bb".repeat(32)}`]);
    expect(cards[1]).toHaveTextContent("Byzantine DV2Action requiredReady for DKG1 validator · 4 operators · 365 days · 24 Nov 2026");
  });

  it("opens the cluster when any cell of its row is clicked", async () => {
    render(<ClusterTable rows={[row()]} />);
    await userEvent.click(within(screen.getByRole("table")).getByText("Waiting for operators (1/4)"));
    expect(push).toHaveBeenCalledWith(`/clusters/0x${"aa".repeat(32)}`);
  });
});
