/** 0x1234…abcd: enough to recognise an address or hash, short enough for a table. */
export function shortHex(value: string, keep = 4): string {
  return value.length <= 2 + keep * 2 + 1 ? value : `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDate(date: Date | string): string {
  return dateFormat.format(new Date(date));
}

export function formatDateTime(date: Date | string): string {
  return `${dateTimeFormat.format(new Date(date))} UTC`;
}

/** The block explorer's page of an address or a transaction. */
export function explorerHref(explorerUrl: string, kind: "address" | "tx", value: string): string {
  return `${explorerUrl.replace(/\/$/, "")}/${kind}/${value}`;
}
