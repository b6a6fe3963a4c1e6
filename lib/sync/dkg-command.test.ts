import { describe, expect, it } from "vitest";
import { CHARON_VERSION, dkgCommands } from "./dkg-command";

const hash = `0x${"ab".repeat(32)}` as const;

describe("dkgCommands", () => {
  it("points charon at this portal's definition and lock endpoints", () => {
    expect(dkgCommands("https://portal.example/", hash)).toEqual({
      plain: `charon dkg --definition-file="https://portal.example/api/v1/definition/${hash}" --publish --publish-address="https://portal.example/api/v1"`,
      docker: `docker run --rm -v "$(pwd):/opt/charon" obolnetwork/charon:${CHARON_VERSION} dkg --definition-file="https://portal.example/api/v1/definition/${hash}" --publish --publish-address="https://portal.example/api/v1"`,
    });
  });

  it.each(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])("shares the host network for a local portal (%s)", (origin) => {
    expect(dkgCommands(origin, hash).docker).toMatch(/^docker run --rm --network host -v /);
    expect(dkgCommands(origin, hash).plain).not.toContain("--network");
  });
});
