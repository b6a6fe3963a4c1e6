// @vitest-environment jsdom
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UPLOAD_HEADER } from "@/lib/locks/upload-header";
import { UploadLock } from "./upload-lock";

const router = vi.hoisted(() => ({ refresh: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

const file = (text: string, name = "cluster-lock.json") => new File([text], name, { type: "application/json" });
const chooser = () => document.querySelector("input[type=file]") as HTMLInputElement;

afterEach(() => {
  vi.unstubAllGlobals();
  router.refresh.mockReset();
});

describe("UploadLock", () => {
  it("posts the chosen lock as an upload and refreshes the page once it is stored", async () => {
    const fetchMock = vi.fn(async () => Response.json({ message: "Lock verified and stored." }, { status: 201 }));
    vi.stubGlobal("fetch", fetchMock);
    render(<UploadLock />);
    await userEvent.upload(chooser(), file('{"lock_hash":"0x01"}'));
    expect(await screen.findByText("Lock verified and stored.")).toBeInTheDocument();
    expect(router.refresh).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/v1/lock");
    expect(init).toMatchObject({ method: "POST", body: '{"lock_hash":"0x01"}', headers: { [UPLOAD_HEADER]: "1" } });
  });

  it("shows the portal's refusal in place and does not refresh", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ message: "The lock does not verify: signature_aggregate does not verify." }, { status: 422 })));
    render(<UploadLock />);
    await userEvent.upload(chooser(), file("{}"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The lock does not verify: signature_aggregate does not verify.");
    expect(router.refresh).not.toHaveBeenCalled();
  });

  it("refuses a file that is not JSON without sending it", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    render(<UploadLock />);
    await userEvent.upload(chooser(), file("not json", "notes.txt"), { applyAccept: false });
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(/notes.txt is not JSON/));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
