// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ClusterStatus } from "@/lib/chain/cluster-state";
import { syncState } from "@/lib/sync/steps";
import { testOperators } from "@/lib/sync/testing";
import { OperatorStatusPill, StatusPill } from "./status-pill";

describe("StatusPill", () => {
  it.each([
    ["action", "Register node", "action required", "orange"],
    ["done", "Done", "done", "green"],
    ["waiting", "Waiting for others", "waiting on others", "slate"],
  ] as const)("%s: %s", (status, label, meaning, colour) => {
    render(<StatusPill status={status} label={label} />);
    const pill = screen.getByText(label);
    expect(pill).toHaveAttribute("data-status", status);
    // Read once: "Done", not "Done (done)".
    expect(pill).toHaveTextContent(label.toLowerCase() === meaning ? new RegExp(`^${label}$`) : `${label} (${meaning})`);
    expect(pill.className).toContain(`text-${colour}-`);
  });
});

describe("OperatorStatusPill", () => {
  const sync = syncState({
    chainStatus: ClusterStatus.IN_CREATION,
    hasLock: false,
    operators: testOperators.map((a, i) => ({ address: a.address, termsAccepted: i > 0, registered: i > 1 })),
  });

  it("shows the operator's own status, whatever the address case", () => {
    render(<OperatorStatusPill sync={sync} address={testOperators[1].address.toLowerCase()} />);
    expect(screen.getByText("Register node")).toHaveAttribute("data-status", "action");
  });

  it("shows nothing for an address outside the cluster", () => {
    const { container } = render(<OperatorStatusPill sync={sync} address="0x0000000000000000000000000000000000000001" />);
    expect(container).toBeEmptyDOMElement();
  });
});
