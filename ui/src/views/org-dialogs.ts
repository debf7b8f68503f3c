// Dialogs for organizations: add one (the admin key is read by Rust, never typed here),
// rename, and rotate the admin key.

import * as api from "../api";
import { el } from "../dom";
import type { AdminKeyAccepted, KeySource, Organization, Rotation } from "../types";
import { openDialog } from "./dialog";

function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return el("label", { className: "field" }, [
    el("span", { className: "field-label", text: label }),
    input,
    hint ? el("span", { className: "field-hint", text: hint }) : null,
  ]);
}

function textInput(testId: string, value = "", placeholder = ""): HTMLInputElement {
  return el("input", {
    className: "input",
    attrs: { type: "text", value, placeholder, autocomplete: "off", spellcheck: "false", "data-testid": testId },
  });
}

/** Asks for a label (and optionally a base URL), then has Rust read the admin key. */
export function addOrganizationDialog(
  environmentAvailable: boolean,
  onAdded: (accepted: AdminKeyAccepted) => void,
): void {
  const label = textInput("org-label", "", "e.g. Acme production");
  const baseUrl = textInput("org-base-url", "", "https://api.openai.com/v1");
  const advanced = el("details", { className: "advanced" }, [
    el("summary", { text: "Advanced" }),
    field("API base URL", baseUrl, "https only (http is allowed for 127.0.0.1). Leave empty for OpenAI."),
  ]);
  const steps = el("ol", { className: "steps" }, [
    el("li", { text: "In OpenAI, open Organization settings → Admin keys and copy an admin key." }),
    el("li", { text: "Name the organization below, then press “Paste admin key from clipboard”." }),
  ]);
  const note = el("p", {
    className: "field-hint",
    text: "Keywarden reads the key from the clipboard itself, checks it with OpenAI, stores it in your system keychain and clears the clipboard. The key never appears in this window.",
  });
  const add = (source: KeySource): Promise<boolean> =>
    handle.attempt("Checking the admin key with OpenAI…", async () => {
      const url = baseUrl.value.trim();
      onAdded(await api.addOrganization(label.value, url === "" ? null : url, source));
    });
  const handle = openDialog({
    title: "Add an organization",
    testId: "add-org-dialog",
    body: [steps, field("Name", label), advanced, note],
    actions: [
      { label: "Cancel", run: () => undefined },
      ...(environmentAvailable
        ? [{ label: "Use OPENAI_ADMIN_KEY", testId: "use-env-key", run: () => add("environment") }]
        : []),
      { label: "Paste admin key from clipboard", kind: "primary" as const, testId: "paste-admin-key", run: () => add("clipboard") },
    ],
  });
  label.focus();
}

/** Asks for a new label. */
export function renameDialog(org: Organization, onRenamed: (org: Organization) => void): void {
  const label = textInput("rename-label", org.label);
  const handle = openDialog({
    title: "Rename organization",
    body: [field("Name", label)],
    actions: [
      { label: "Cancel", run: () => undefined },
      {
        label: "Rename",
        kind: "primary",
        testId: "rename-confirm",
        run: () =>
          handle.attempt("Renaming…", async () => onRenamed(await api.renameOrganization(org.id, label.value))),
      },
    ],
  });
  label.select();
}

/** Asks for the new admin key's name and expiry, then rotates. */
export function rotateDialog(org: Organization, onRotated: (rotation: Rotation) => void): void {
  const today = new Date().toISOString().slice(0, 10);
  const name = textInput("rotate-name", `Keywarden (${today})`);
  const expiry = el("select", { className: "input", attrs: { "data-testid": "rotate-expiry" } }, [
    el("option", { text: "30 days", attrs: { value: "30" } }),
    el("option", { text: "90 days", attrs: { value: "90", selected: "" } }),
    el("option", { text: "180 days", attrs: { value: "180" } }),
    el("option", { text: "365 days", attrs: { value: "365" } }),
    el("option", { text: "Never (not recommended)", attrs: { value: "" } }),
  ]);
  const handle = openDialog({
    title: `Rotate the admin key of ${org.label}`,
    body: [
      el("p", {
        className: "dialog-text",
        text: "Keywarden creates a new admin key, checks that it works, stores it in the keychain, and then revokes the current one. If any step fails, the current key keeps working.",
      }),
      field("Name of the new key", name),
      field("Expires after", expiry),
    ],
    actions: [
      { label: "Cancel", run: () => undefined },
      {
        label: "Rotate",
        kind: "primary",
        testId: "rotate-confirm",
        irreversible: true,
        run: () =>
          handle.attempt("Rotating…", async () => {
            const days = expiry.value === "" ? null : Number(expiry.value);
            onRotated(await api.rotateAdminKey(org.id, name.value, days));
          }),
      },
    ],
  });
}
