// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { runTestDkg } from "@/devnet/dkg";
import { signedTestCluster } from "@/devnet/dkg/fixture";
import { parseClusterFile, type ClusterFile } from "@/lib/obol/schema";
import { goldenChainData } from "@/lib/obol/testdata/golden-input";
import { itVectors, LAUNCHPAD_LOCK, loadVector } from "@/lib/obol/testdata/vectors";
import { verifyClusterFile } from "@/lib/obol/verify";
import { VerifyResults } from "./verify-results";

async function renderFile(file: ClusterFile) {
  const result = await verifyClusterFile(file);
  render(<VerifyResults file={file} result={result} />);
  return result;
}

const outcomes = (el: HTMLElement) => Array.from(el.querySelectorAll("[data-outcome]")).map((e) => e.getAttribute("data-outcome"));
const section = (name: string) => screen.getByRole("region", { name });

describe("VerifyResults", () => {
  itVectors("shows the launchpad-signed lock with every check green", async () => {
    await renderFile(parseClusterFile(loadVector(LAUNCHPAD_LOCK)));
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Lock v1.7.0: every check passes");
    // Counted by hand: 3 hashes, the creator, 4 operators x 3 signatures, the aggregate, and each of
    // the 3 validators' public shares and builder registration; no validator has deposit data.
    expect(document.body).toHaveTextContent("23 passed · 0 failed · 3 not present");
    expect(outcomes(document.body)).not.toContain("fail");
    expect(outcomes(section("Hashes"))).toEqual(["pass", "pass", "pass"]);
    expect(outcomes(section("Creator"))).toEqual(["pass"]);
    // Four operators x (ENR, config signature, ENR signature, node signature).
    expect(outcomes(section("Operators"))).toEqual(Array(16).fill("pass"));
    expect(outcomes(section("Lock signature"))).toEqual(["pass"]);
    // The launchpad lock carries no deposit data: grey, not red.
    expect(outcomes(section("Validator 1"))).toEqual(["pass", "absent", "pass"]);
    expect(within(section("Validator 1")).getByText("deposit data not populated")).toBeInTheDocument();
  });

  itVectors("shows a hash vector with green hashes and red signatures", async () => {
    await renderFile(parseClusterFile(loadVector("cluster_lock_v1_10_0.json")));
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("Lock v1.10.0: verification failed");
    // The vector's hashes are real, its signatures random bytes. Counted by hand: 3 hashes pass; the
    // creator, 2 operators x 3 signatures and the aggregate fail, and so do two whole-file rules:
    // each validator has 2 partial deposits where the definition's deposit_amounts ask for 1, so
    // the BLS checks do not run.
    expect(document.body).toHaveTextContent("3 passed · 10 failed");
    expect(outcomes(section("Hashes"))).toEqual(["pass", "pass", "pass"]);
    expect(outcomes(section("Creator"))).toEqual(["fail"]);
    const operators = within(section("Operators"));
    expect(operators.getAllByText("Config hash signature (EIP-712): invalid")).toHaveLength(2);
    expect(operators.getAllByText("Node signature of the lock hash: invalid")).toHaveLength(2);
    expect(outcomes(section("Lock signature"))).toEqual(["fail"]);
  });

  itVectors("shows a definition vector's hashes without lock sections", async () => {
    await renderFile(parseClusterFile(loadVector("cluster_definition_v1_8_0.json")));
    expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent(/^Definition v1\.8\.0/);
    expect(outcomes(section("Hashes"))).toEqual(["pass", "pass"]);
    expect(screen.queryByRole("region", { name: "Lock signature" })).toBeNull();
  });

  describe("a test-DKG lock", () => {
    let file: ClusterFile;
    beforeAll(async () => {
      file = { kind: "lock", lock: (await runTestDkg({ ...(await signedTestCluster()), seed: "verify page" })).lock };
    });

    it("decodes deposits, registration and ENR endpoints", async () => {
      await renderFile(file);
      expect(outcomes(document.body)).not.toContain("fail");
      // Counted by hand: 3 hashes, the creator, 4 operators x 3 signatures, the aggregate, and the
      // validator's public shares, deposit data and builder registration.
      expect(document.body).toHaveTextContent("20 passed · 0 failed");
      expect(document.body).not.toHaveTextContent("not present");
      const validator = within(section("Validator 1"));
      expect(validator.getByText("Deposit 1 of 2: 1 ETH")).toBeInTheDocument();
      expect(validator.getByText("Deposit 2 of 2: 32 ETH")).toBeInTheDocument();
      const credentials = validator.getAllByText((_, el) => el?.textContent === `withdrawal credentials 0x01: withdraws to ${goldenChainData.eigenPodAddr.toLowerCase()}`);
      expect(credentials).toHaveLength(2);
      expect(validator.getByText(/gas limit 36,000,000, timestamp 2025-03-17T12:10:00.000Z/)).toHaveTextContent(
        `fee recipient ${goldenChainData.splitAddr.toLowerCase()}, gas limit`,
      );
      expect(within(section("Operators")).getByText("address 10.0.0.3:3610 (tcp)")).toBeInTheDocument();
    });

    it("names the failing check of a tampered deposit", async () => {
      const lock = structuredClone(file.kind === "lock" ? file.lock : null)!;
      const dd = lock.distributed_validators[0].partial_deposit_data[1];
      dd.signature = `${dd.signature.slice(0, 50)}${dd.signature[50] === "0" ? "1" : "0"}${dd.signature.slice(51)}` as `0x${string}`;
      await renderFile({ kind: "lock", lock });
      expect(screen.getByRole("heading", { level: 2 })).toHaveTextContent("verification failed");
      expect(outcomes(section("Validator 1"))).toEqual(["pass", "pass", "fail", "pass"]);
      expect(within(section("Validator 1")).getByText("signature invalid")).toBeInTheDocument();
    });
  });
});
