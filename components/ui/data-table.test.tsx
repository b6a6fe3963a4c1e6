// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Cell, CompactTable, DataTable, Row } from "./data-table";

describe("DataTable", () => {
  it("names its scroll box, heads each column for its cells and right-aligns numeric ones", () => {
    render(
      <DataTable label="Bids" columns={["Operator", { label: "Score", align: "right" }]}>
        <Row>
          <Cell>0xabc</Cell>
          <Cell className="text-right">7</Cell>
        </Row>
      </DataTable>,
    );
    const headers = within(screen.getByRole("region", { name: "Bids" })).getAllByRole("columnheader");
    expect(headers.map((h) => [h.textContent, h.getAttribute("scope")])).toEqual([["Operator", "col"], ["Score", "col"]]);
    expect(headers[1].className).toContain("text-right");
    expect(screen.getByRole("cell", { name: "7" }).className).toBe("px-4 py-3 text-right");
  });
});

describe("CompactTable", () => {
  it("keeps a hidden caption as the table's name", () => {
    render(
      <CompactTable caption="Exit signatures" hideCaption columns={["Share"]}>
        <Row>
          <td>1</td>
        </Row>
      </CompactTable>,
    );
    expect(screen.getByRole("table", { name: "Exit signatures" }).querySelector("caption")?.className).toBe("sr-only");
  });
});
