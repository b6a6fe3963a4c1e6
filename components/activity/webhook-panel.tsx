"use client";

import dynamic from "next/dynamic";

/**
 * The webhook form, as the dashboard mounts it: its code (wallet steps, the signed messages) is
 * fetched only where it is shown, an operator's own view, not by every visitor of `/`.
 */
export const WebhookPanel = dynamic(() => import("./webhook-form").then((m) => m.WebhookForm));
