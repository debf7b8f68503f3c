// Export keys: the view on screen (its project, search, filter and order) or every key of the
// organization, as CSV or JSON. Rust asks where to save in a native dialog and writes the file;
// the rows never come through the page, and no secret is ever in them.

import * as api from "../api";
import { el } from "../dom";
import type { KeysRequest } from "../key-pages";
import { inlineName } from "../server-text";
import type { ExportFormat, Organization } from "../types";
import { openDialog, toast } from "./dialog";

/** The view on screen, when it is a list of keys. */
export interface ShownKeys {
  query: KeysRequest;
  /** How many keys it shows, when known. */
  keys: number | null;
}

const count = new Intl.NumberFormat();

function choice(name: string, value: string, label: string, checked: boolean, testId: string): HTMLLabelElement {
  const input = el("input", { attrs: { type: "radio", name, value, "data-testid": testId } });
  input.checked = checked;
  return el("label", { className: "choice" }, [input, el("span", { text: label })]);
}

/** Opens the export dialog for `org`. */
export function exportDialog(org: Organization, shown: ShownKeys | null): void {
  const viewLabel =
    shown === null
      ? ""
      : shown.keys === null
        ? "The keys on screen"
        : `The keys on screen (${count.format(shown.keys)})`;
  const scope = el("fieldset", { className: "choices" }, [
    el("legend", { className: "field-label", text: "Which keys" }),
    shown ? choice("export-scope", "view", viewLabel, true, "export-scope-view") : null,
    choice("export-scope", "all", `Every key of ${inlineName(org.label)}`, shown === null, "export-scope-all"),
  ]);
  const format = el("fieldset", { className: "choices" }, [
    el("legend", { className: "field-label", text: "Format" }),
    choice("export-format", "csv", "CSV, for a spreadsheet", true, "export-format-csv"),
    choice("export-format", "json", "JSON, for a script", false, "export-format-json"),
  ]);
  const picked = (name: string): string =>
    (scope.parentElement?.querySelector<HTMLInputElement>(`input[name='${name}']:checked`)?.value ?? "");

  const handle = openDialog({
    title: "Export keys",
    testId: "export-dialog",
    body: [
      el("p", {
        className: "dialog-text",
        text: "Names, owners, dates, spend and redacted values: never a key itself. You choose where the file goes next.",
      }),
      scope,
      format,
    ],
    actions: [
      { label: "Cancel", kind: "plain", run: () => true },
      {
        label: "Export…",
        kind: "primary",
        testId: "export-confirm",
        run: async () => {
          const view = picked("export-scope") === "view" && shown ? shown.query : null;
          const chosen = (picked("export-format") || "csv") as ExportFormat;
          let saved = false;
          const done = await handle.attempt("Exporting…", async () => {
            const exported = await api.exportKeys(org.id, view, chosen);
            if (exported === null) return;
            saved = true;
            const keys = exported.keys === 1 ? "1 key" : `${count.format(exported.keys)} keys`;
            toast(`Exported ${keys} to ${exported.path}`, "success");
          });
          return done && saved;
        },
      },
    ],
  });
}
