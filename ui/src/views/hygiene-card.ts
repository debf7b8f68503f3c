// Key hygiene: what each rule finds in an organization (counted by Rust on its cache), shown as
// a card in the organization view; each finding opens the keys it finds. Also the dialog of the
// rules' day counts.

import * as api from "../api";
import { el } from "../dom";
import { formatCount, plural } from "../formats";
import type { HygieneReport, HygieneRule, HygieneThresholds } from "../types";
import { openDialog, toast } from "./dialog";

/** How each rule is named and explained, and what to do about what it finds. */
interface RuleText {
  title: (t: HygieneThresholds) => string;
  why: string;
  /** The fitting action, as the findings view says it. */
  action: string;
}

export const RULES: Record<HygieneRule, RuleText> = {
  expired: {
    title: () => "Expired",
    why: "They no longer work but are still listed.",
    action: "Revoke them to tidy up.",
  },
  expiring: {
    title: (t) => `Expiring within ${plural(t.expiringDays, "day", "days")}`,
    why: "Whatever uses them stops working when they expire.",
    action: "Set a later expiry, or rotate them.",
  },
  ownerLostAccess: {
    title: () => "Owner lost access",
    why: "Their owner no longer has access to the project, but the keys still work.",
    action: "Revoke them unless a service still needs them.",
  },
  neverUsed: {
    title: (t) => `Never used, older than ${plural(t.neverUsedDays, "day", "days")}`,
    why: "Nobody seems to need them.",
    action: "Revoke them.",
  },
  idle: {
    title: (t) => `Idle for more than ${plural(t.idleDays, "day", "days")}`,
    why: "Unused keys are risk without benefit.",
    action: "Revoke them, or set an expiry.",
  },
  neverExpires: {
    title: () => "Never expire",
    why: "A leaked key that never expires works forever.",
    action: "Set an expiry.",
  },
  unrestrictedServiceAccount: {
    title: () => "Service-account keys with all permissions",
    why: "Permissions not recorded by Keywarden or the audit log count here too: the API's default is all.",
    action: "Restrict them to what they need.",
  },
};

/** The organization's hygiene card; `onFinding` opens the keys a rule finds. */
export function hygieneCard(
  report: HygieneReport | undefined,
  onFinding: (rule: HygieneRule) => void,
  onThresholds: () => void,
): HTMLElement {
  const heading = el("h2", { text: "Key hygiene" });
  if (!report) {
    return el("div", { className: "card" }, [heading, el("p", { className: "hint", text: "Counted once the keys are loaded." })]);
  }
  // The thresholds are offered with the counts they produce, whose report carries them.
  const title = el("div", { className: "card-title-row" }, [
    heading,
    el("button", {
      className: "button plain small",
      text: "Thresholds…",
      attrs: { type: "button", "data-testid": "hygiene-thresholds" },
      onClick: onThresholds,
    }),
  ]);
  const rows = report.findings.map((finding) => {
    const text = RULES[finding.rule];
    const found = finding.count > 0;
    return el(
      "li",
      { className: `finding${found ? " found" : ""}${finding.urgent ? " urgent" : ""}` },
      [
        el(
          "button",
          {
            className: "finding-button",
            attrs: { type: "button", "data-testid": "hygiene-finding", "data-rule": finding.rule },
            onClick: () => onFinding(finding.rule),
          },
          [
            el("span", { className: "finding-count", text: formatCount(finding.count) }),
            el("span", { className: "finding-title", text: text.title(report.thresholds) }),
            el("span", { className: "finding-why", text: found ? text.why : "None." }),
          ],
        ),
      ],
    );
  });
  const summary =
    report.needingAttention === 0
      ? `Nothing urgent among ${plural(report.totalKeys, "key", "keys")}.`
      : `${plural(report.needingAttention, "key needs", "keys need")} attention, of ${formatCount(report.totalKeys)}.`;
  return el("div", { className: "card", attrs: { "data-testid": "hygiene-card" } }, [
    title,
    el("p", { className: "hint", text: summary, attrs: { "data-testid": "hygiene-summary" } }),
    el("ul", { className: "findings" }, rows),
  ]);
}

function dayField(label: string, value: number, testId: string): { field: HTMLElement; input: HTMLInputElement } {
  const input = el("input", {
    className: "input input-days",
    attrs: { type: "number", min: "1", max: "3650", step: "1", value: String(value), "data-testid": testId },
  });
  const field = el("label", { className: "field field-inline" }, [
    el("span", { className: "field-label", text: label }),
    input,
    el("span", { className: "field-unit", text: "days" }),
  ]);
  return { field, input };
}

/** Asks for the rules' day counts and saves them; Rust refuses anything outside 1–3650 days. */
export function thresholdsDialog(current: HygieneThresholds, onSaved: () => void): void {
  const neverUsed = dayField("A never-used key is a finding after", current.neverUsedDays, "threshold-never-used");
  const idle = dayField("A key is idle when unused for", current.idleDays, "threshold-idle");
  const expiring = dayField("Warn about keys expiring within", current.expiringDays, "threshold-expiring");
  const read = (input: HTMLInputElement): number => (input.value.trim() === "" ? Number.NaN : Number(input.value));
  const handle = openDialog({
    title: "Key hygiene thresholds",
    testId: "thresholds-dialog",
    body: [
      el("p", { className: "dialog-text", text: "They apply to every organization." }),
      neverUsed.field,
      idle.field,
      expiring.field,
    ],
    actions: [
      { label: "Cancel", run: () => undefined },
      {
        label: "Save",
        kind: "primary",
        testId: "thresholds-save",
        run: () => {
          const values = [read(neverUsed.input), read(idle.input), read(expiring.input)];
          if (values.some((v) => !Number.isInteger(v))) {
            handle.showError("Enter each threshold as a whole number of days, from 1 to 3650.");
            return false;
          }
          const [neverUsedDays = 0, idleDays = 0, expiringDays = 0] = values;
          return handle.attempt("Saving…", async () => {
            await api.setHygieneThresholds({ neverUsedDays, idleDays, expiringDays });
            toast("Saved the hygiene thresholds.", "success");
            onSaved();
          });
        },
      },
    ],
  });
}
