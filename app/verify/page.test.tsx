// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import VerifyPage from "./page";

it("renders the heading and the input of the verify tool", () => {
  render(<VerifyPage />);
  expect(screen.getByRole("heading", { level: 1, name: "Verify a cluster file" })).toBeInTheDocument();
  expect(screen.getByLabelText("Cluster definition or lock JSON")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Choose a file…" })).toBeInTheDocument();
});
