import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "viem";
import { verify } from "./bls-keys";
import {
  decodeWithdrawalCredentials,
  depositDataRoot,
  depositMessageRoot,
  depositSigningRoot,
  withdrawalCredentials,
} from "./deposit";

// Two entries of charon's eth2util/deposit/testdata/TestMarshalDepositData.golden (Goerli,
// fork version 0x00001020): charon verified these signatures before writing the file.
const golden = [
  {
    pubkey: "80d0436ccacd2b263f5e9e7ebaa14015fe5c80d3e57dc7c37bcbda783895e3491019d3ed694ecbb49c8c80a0480c0392",
    withdrawal_credentials: "02000000000000000000000005f9f73f74c205f2b9267c04296e3069767531fb",
    amount: 32000000000n,
    signature:
      "aed3c99949ab93622f2d1baaeb047d30cb33e744e1a8464eebe1a2a634f0f23529ce753c54035968e9f3f683bca02f6704c933ca9ff2b181897de4eb27b0b2568721fe625084d5cc9030be55ceb1bc573df61a8a67bad87d94187ee4d28fc36f",
    deposit_message_root: "0ed9775278db27ab7ef0efeea0861750d1f0e917deecfe68398321468201f2f8",
    deposit_data_root: "10e0a77c03f4420198571cf957ce3cd7cc85ae310664c77ff9556eba18ec8689",
  },
  {
    pubkey: "813f5d2697f76841a752ef8c1ac11d1bb76e07003799c5745f8a569214653810def3b60920b54fb0ab3cb6deb08c3972",
    withdrawal_credentials: "020000000000000000000000321dcb529f3945bc94fecea9d3bc5caf35253b94",
    amount: 32000000000n,
    signature:
      "b9bc77c52be591255d52ef25b7f2e0feb668329983619b0e23b5caf2d5768b3a9661079eaf68564eb5d743b531252aad058a9d0b48a87af601765176699248568d8bd7dd0539e38658c572ad628e1f0854a797378bf2125a08d1beb685faef91",
    deposit_message_root: "6dcf9ebf537997129102c7d74f3e54bd5446d608eb2d4fb15a53e3362e775a9b",
    deposit_data_root: "2b4bce26707e020737555c59bfad745ce41d5fa061097176957e6a3c17ff41d5",
  },
];

const goerli = hexToBytes("0x00001020");
const h = (s: string) => hexToBytes(`0x${s}`);

describe("deposit roots", () => {
  it.each(golden)("reproduces charon's deposit message / data roots and signature for $pubkey", (g) => {
    const msg = { pubkey: h(g.pubkey), withdrawalCredentials: h(g.withdrawal_credentials), amountGwei: g.amount };
    expect(bytesToHex(depositMessageRoot(msg))).toBe(`0x${g.deposit_message_root}`);
    expect(bytesToHex(depositDataRoot({ ...msg, signature: h(g.signature) }))).toBe(`0x${g.deposit_data_root}`);
    expect(verify(msg.pubkey, depositSigningRoot(msg, goerli), h(g.signature))).toBe(true);
    // The domain binds the genesis fork version: mainnet's does not verify a Goerli deposit.
    expect(verify(msg.pubkey, depositSigningRoot(msg, new Uint8Array(4)), h(g.signature))).toBe(false);
    expect(verify(msg.pubkey, depositSigningRoot({ ...msg, amountGwei: 1_000_000_000n }, goerli), h(g.signature))).toBe(
      false,
    );
  });

  it("encodes and decodes withdrawal credentials", () => {
    const address = "0x05f9f73f74c205f2b9267c04296e3069767531fb";
    expect(bytesToHex(withdrawalCredentials(address, "0x02"))).toBe(`0x${golden[0].withdrawal_credentials}`);
    expect(decodeWithdrawalCredentials(withdrawalCredentials(address, "0x01"))).toEqual({ type: "0x01", address });
    expect(decodeWithdrawalCredentials(h(golden[0].withdrawal_credentials))).toEqual({ type: "0x02", address });
    expect(decodeWithdrawalCredentials(new Uint8Array(32))).toEqual({ type: "0x00", address: null });
    const dirty = withdrawalCredentials(address, "0x01");
    dirty[5] = 1;
    expect(decodeWithdrawalCredentials(dirty).type).toBe("invalid");
    expect(decodeWithdrawalCredentials(new Uint8Array(31)).type).toBe("invalid");
    expect(() => withdrawalCredentials("0x1234", "0x01")).toThrow();
  });
});
