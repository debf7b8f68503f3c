import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { spendText } from "../src/formats";
import { type KeyFlowHost, READ_ONLY_HINT, keysChanged, projectButtons } from "../src/key-flows";
import { ARCHIVED_EDIT_HINT, ARCHIVED_REVOKE_HINT, createKeyRow } from "../src/views/key-row";
import { keyRow, organization, projectRow } from "./fixtures";

afterEach(() => clearMocks());

const changes: string[] = [];
const host: KeyFlowHost = {
  keysChanged: (orgId) => changes.push(`keys ${orgId}`),
  activityChanged: (orgId) => changes.push(`activity ${orgId}`),
};

describe("key flows", () => {
  it("disables creating with an explanation when the admin key is read-only", () => {
    const [, create] = projectButtons(host, organization("org-1", { readOnly: true }), projectRow("proj_1")) as HTMLButtonElement[];
    expect(create?.disabled).toBe(true);
    expect(create?.title).toMatch(/read-only/);
  });

  it("disables revoking in a row when the admin key is read-only, and says why", () => {
    const row = createKeyRow(false, { onCopy: () => {}, onRevoke: () => {}, onEdit: () => {}, onDetails: () => {}, usageRead: () => false, fitting: null, revokeBlocked: () => READ_ONLY_HINT, isLost: () => false }, () => Date.now());
    row.show(0, keyRow(0));
    const revoke = row.element.querySelector<HTMLButtonElement>("[data-testid=revoke-key]");
    expect(revoke?.disabled).toBe(true);
    expect(revoke?.title).toMatch(/read-only/);
  });

  it("refuses new keys in an archived project and says why", () => {
    const [, create] = projectButtons(host, organization("org-1"), projectRow("proj_1", { status: "archived" })) as HTMLButtonElement[];
    expect(create?.disabled).toBe(true);
    expect(create?.title).toMatch(/Archived/);
  });

  it("marks a key of an archived project in search results and disables Revoke and Edit, saying why", () => {
    const revoked: string[] = [];
    const row = createKeyRow(true, { onCopy: () => {}, onRevoke: (key) => revoked.push(key.id), onEdit: () => {}, onDetails: () => {}, usageRead: () => false, fitting: null, revokeBlocked: () => null, isLost: () => false }, () => Date.now());
    row.show(0, keyRow(0, { projectName: "Legacy", projectArchived: true }));
    const tag = row.element.querySelector<HTMLElement>("[data-testid=archived-project-tag]");
    expect(tag?.hidden).toBe(false);
    expect(tag?.textContent).toBe("archived");
    expect(tag?.closest("td")?.classList.contains("project-cell")).toBe(true);
    expect(tag?.title).toBe("The project Legacy is archived: its keys no longer work.");
    const revoke = row.element.querySelector<HTMLButtonElement>("[data-testid=revoke-key]");
    const edit = row.element.querySelector<HTMLButtonElement>("[data-testid=edit-key-policy]");
    expect(revoke?.disabled).toBe(true);
    expect(revoke?.title).toBe(ARCHIVED_REVOKE_HINT);
    expect(edit?.disabled).toBe(true);
    expect(edit?.title).toBe(ARCHIVED_EDIT_HINT);
    revoke?.click();
    expect(revoked).toEqual([]);

    row.show(1, keyRow(1));
    expect(row.element.querySelector<HTMLElement>("[data-testid=archived-project-tag]")?.hidden).toBe(true);
    expect(revoke?.disabled).toBe(false);
    expect(edit?.disabled).toBe(false);
  });

  it("copies the project id through Rust, never through the page", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const [copy] = projectButtons(host, organization("org-1"), projectRow("proj_1")) as HTMLButtonElement[];
    copy?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([["copy_text", { text: "proj_1" }]]);
  });

  it("after a change, re-runs the queries without asking Rust for a whole key list", () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    changes.length = 0;
    keysChanged(host, "org-1");
    expect(calls).toEqual([]);
    expect(changes).toEqual(["activity org-1", "keys org-1"]);
  });
});

describe("spend", () => {
  it("reads as money over the period, says when a key cost nothing, and nothing when unknown", () => {
    expect(spendText(12.5)).toBe("$12.50 in 30 days");
    expect(spendText(0)).toBe("no spend in 30 days");
    expect(spendText(null)).toBeNull();
  });
});
