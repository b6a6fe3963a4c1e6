// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { itVectors, LAUNCHPAD_LOCK, loadVector } from "@/lib/obol/testdata/vectors";
import { MAX_INPUT_BYTES, parseInput } from "./parse-input";
import { VerifyTool } from "./verify-tool";

const paste = (text: string) => fireEvent.change(screen.getByLabelText("Cluster definition or lock JSON"), { target: { value: text } });

describe("parseInput", () => {
  it("tells malformed JSON, a missing or unknown version, a wrong shape and oversize input apart", () => {
    expect(parseInput("{nope")).toMatchObject({ ok: false, title: "This is not valid JSON." });
    expect(parseInput("[]")).toMatchObject({ ok: false, title: /Expected a JSON object/ });
    expect(parseInput('{"name": "x"}')).toMatchObject({ ok: false, title: /No "version" field/ });
    expect(parseInput('{"cluster_definition": {"version": "v1.5.0"}}')).toMatchObject({
      ok: false,
      title: 'Unknown version "v1.5.0".',
      details: ["Supported versions: v1.6.0, v1.7.0, v1.8.0, v1.9.0, v1.10.0."],
    });
    expect(parseInput(" ".repeat(MAX_INPUT_BYTES + 1))).toMatchObject({ ok: false, title: /at most 2 MB/ });
  });

  itVectors("names the failing field of a charon definition and accepts a real lock", () => {
    const bad = loadVector("cluster_definition_v1_10_0.json");
    bad.fork_version = "0x1";
    expect(parseInput(JSON.stringify(bad))).toMatchObject({ ok: false, details: [expect.stringMatching(/^fork_version: /)] });
    expect(parseInput(JSON.stringify(loadVector(LAUNCHPAD_LOCK)))).toMatchObject({ ok: true, file: { kind: "lock" } });
  });
});

describe("VerifyTool", () => {
  it("explains malformed JSON in an alert that takes focus", async () => {
    render(<VerifyTool />);
    paste('{"version": ');
    await userEvent.click(screen.getByRole("button", { name: "Verify" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This is not valid JSON.");
    expect(screen.getByRole("heading", { name: "This is not valid JSON." })).toHaveFocus();
  });

  itVectors("verifies pasted JSON on submit", async () => {
    render(<VerifyTool />);
    paste(JSON.stringify(loadVector(LAUNCHPAD_LOCK)));
    await userEvent.click(screen.getByRole("button", { name: "Verify" }));
    const heading = await screen.findByRole("heading", { name: "Lock v1.7.0: every check passes" }, { timeout: 20_000 });
    // Focus moves in an effect after the result renders; a loaded machine may see the heading first.
    await waitFor(() => expect(heading).toHaveFocus());
  });

  itVectors("verifies a chosen file", async () => {
    render(<VerifyTool />);
    const file = new File([JSON.stringify(loadVector("cluster_definition_v1_10_0.json"))], "cluster-definition.json", { type: "application/json" });
    await userEvent.upload(screen.getByLabelText("Cluster definition or lock file"), file);
    expect(await screen.findByRole("heading", { name: "Definition v1.10.0: verification failed" }, { timeout: 20_000 })).toBeInTheDocument();
    expect(screen.getByLabelText("Cluster definition or lock JSON")).toHaveValue(JSON.stringify(loadVector("cluster_definition_v1_10_0.json")));
  });

  it("verifies a dropped file", async () => {
    render(<VerifyTool />);
    const file = new File(["{}"], "x.json", { type: "application/json" });
    fireEvent.drop(screen.getByLabelText("Cluster definition or lock JSON").parentElement!, { dataTransfer: { files: [file] } });
    expect(await screen.findByRole("alert")).toHaveTextContent('No "version" field');
  });
});
