// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StatusPill } from "./status-pill";

describe("StatusPill", () => {
  it.each([
    ["action", "Register node", "action required", "orange"],
    ["done", "Done", "done", "green"],
    ["waiting", "Waiting for others", "waiting on others", "slate"],
  ] as const)("%s: %s", (status, label, meaning, colour) => {
    render(<StatusPill status={status} label={label} />);
    const pill = screen.getByText(label);
    expect(pill).toHaveAttribute("data-status", status);
    expect(pill).toHaveTextContent(`${label} (${meaning})`);
    expect(pill.className).toContain(`text-${colour}-`);
  });
});
