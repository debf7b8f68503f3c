import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { exportDialog } from "../src/views/export-dialog";
import { buttonNamed, dialogNamed, setUpDialogTests, settle } from "./dialog-support";
import { organization } from "./fixtures";

setUpDialogTests();

const shown = {
  query: { projectId: "proj_1", text: null, filter: "neverUsed" as const, sort: { column: "name" as const, descending: true } },
  keys: 1234,
};

function rust(answer: unknown) {
  const calls: Record<string, unknown>[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "export_keys") throw { code: "internal", message: `unexpected ${cmd}` };
    calls.push((args ?? {}) as Record<string, unknown>);
    if (answer instanceof Error) throw { code: "internal", message: answer.message };
    return answer;
  });
  return calls;
}

function check(testId: string): void {
  const input = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
  input.checked = true;
}

describe("export keys", () => {
  it("exports the view on screen by default, in the format chosen, and says where the file went", async () => {
    const calls = rust({ path: "/home/me/Documents/keys.json", keys: 1234 });
    exportDialog(organization("org-1", { label: "Acme" }), shown);
    expect(document.querySelector("[data-testid=export-scope-view]")?.parentElement?.textContent).toBe("The keys on screen (1,234)");
    check("export-format-json");
    buttonNamed("export-confirm").click();
    await settle();

    expect(calls).toEqual([{ orgId: "org-1", view: { ...shown.query, offset: 0, limit: 1 }, format: "json" }]);
    expect(dialogNamed("export-dialog")).toBeNull();
    expect(document.querySelector(".toast")?.textContent).toContain("Exported 1,234 keys to /home/me/Documents/keys.json");
  });

  it("exports every key of the organization when asked, and only then when no key list is shown", async () => {
    const calls = rust({ path: "/tmp/all.csv", keys: 1 });
    exportDialog(organization("org-1", { label: "Acme" }), null);
    expect(document.querySelector("[data-testid=export-scope-view]")).toBeNull();
    buttonNamed("export-confirm").click();
    await settle();
    expect(calls).toEqual([{ orgId: "org-1", view: null, format: "csv" }]);
    expect(document.querySelector(".toast")?.textContent).toContain("Exported 1 key to /tmp/all.csv");
  });

  it("stays open when the save dialog is cancelled, and shows a failure in the dialog", async () => {
    rust(null);
    exportDialog(organization("org-1"), shown);
    buttonNamed("export-confirm").click();
    await settle();
    expect(dialogNamed("export-dialog")).not.toBeNull();

    rust(new Error("the export could not be saved to /ro/keys.csv: that folder cannot be written to; choose another folder"));
    buttonNamed("export-confirm").click();
    await settle();
    expect(dialogNamed("export-dialog")?.textContent).toContain("choose another folder");
  });
});
