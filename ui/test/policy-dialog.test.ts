// The permissions-and-expiry dialog of an existing key.
import { describe, expect, it, vi } from "vitest";
import { expiryText } from "../src/formats";
import type { KeyRow, PolicyUpdated } from "../src/types";
import { POLICY_NOTES, editPolicyDialog } from "../src/views/policy-dialog";
import { buttonNamed, dialogNamed, setUpDialogTests, settle } from "./dialog-support";
import { keyRow } from "./fixtures";
import { choose, dialogError, find, named, pick, rust, toastTexts, type } from "./policy-support";

setUpDialogTests();

const NOW = new Date("2026-11-30T12:00:00Z");

function key(overrides: Partial<KeyRow>): KeyRow {
  return { ...keyRow(1), name: "ci-deploy", expiresAt: null, permissions: null, ...overrides };
}

function openEdit(row: KeyRow): PolicyUpdated[] {
  vi.setSystemTime(NOW);
  const updates: PolicyUpdated[] = [];
  editPolicyDialog("org-1", row, (updated) => updates.push(updated));
  return updates;
}

const preview = (): string => find("policy-preview").textContent ?? "";

describe("the permissions-and-expiry dialog", () => {
  it("shows the key's expiry and what is known of its permissions", () => {
    openEdit(
      key({
        expiresAt: "2027-01-12T12:00:00Z",
        permissions: { scopes: ["api.all.read"], setAt: "2026-11-27T12:00:00Z", source: "keywarden" },
      }),
    );
    expect(dialogNamed("policy-dialog")?.querySelector(".dialog-title")?.textContent).toBe("Permissions and expiry of “ci-deploy”");
    expect(find("policy-current-expiry").textContent).toBe(`12 Jan 2027 (${expiryText("2027-01-12T12:00:00Z", NOW)})`);
    expect(find("policy-current-expiry").textContent).toMatch(/^12 Jan 2027 \(in /);
    expect(find("policy-current-permissions").textContent).toBe("Read only — set 3 days ago by Keywarden");
    expect([...find("policy-notes").querySelectorAll("li")].map((li) => li.textContent)).toEqual([...POLICY_NOTES]);
  });

  it("says when the permissions are unknown or came from the audit log", () => {
    openEdit(key({}));
    expect(find("policy-current-expiry").textContent).toBe("Never");
    expect(find("policy-current-permissions").textContent).toBe("Unknown — set outside Keywarden");
    document.body.replaceChildren();
    openEdit(key({ permissions: { scopes: [], setAt: "2026-11-28T12:00:00Z", source: "auditLog" } }));
    expect(find("policy-current-permissions").textContent).toBe("All permissions — found in the audit log (set 2 days ago)");
  });

  it("keeps Save disabled while nothing changes", () => {
    openEdit(key({}));
    const save = buttonNamed("policy-save");
    expect(save.disabled).toBe(true);
    expect(preview()).toBe("Nothing changes yet: choose new permissions, a new expiry, or both.");
    choose(find("policy-expiry"), "days:30");
    expect(save.disabled).toBe(false);
    choose(find("policy-expiry"), "keep");
    expect(save.disabled).toBe(true);
    pick(find("policy-permissions-all"));
    expect(save.disabled).toBe(false);
  });

  it("previews a new expiry against the current one", () => {
    openEdit(key({ expiresAt: "2027-01-12T12:00:00Z" }));
    choose(find("policy-expiry"), "days:30");
    expect(preview()).toBe("Expires in 30 days (30 Dec 2026) instead of 12 Jan 2027.");
    document.body.replaceChildren();
    openEdit(key({}));
    choose(find("policy-expiry"), "date");
    type(find("policy-expiry-date"), "2027-03-12");
    expect(preview()).toBe("Expires 12 Mar 2027 instead of never.");
  });

  it("previews new permissions against the known or unknown ones", () => {
    openEdit(key({}));
    pick(find("policy-permissions-read-only"));
    expect(preview()).toBe("Becomes read only (what it may do now is unknown).");
    document.body.replaceChildren();
    openEdit(key({ permissions: { scopes: [], setAt: "2026-11-27T12:00:00Z", source: "keywarden" } }));
    pick(find("policy-permissions-read-only"));
    expect(preview()).toBe("Becomes read only instead of all permissions.");
    pick(find("policy-permissions-restricted"));
    type(find("policy-other-scopes"), "api.files.read api.files.write");
    choose(find("policy-expiry"), "days:7");
    expect(preview()).toBe(
      "Expires in 7 days (7 Dec 2026) instead of never. Becomes restricted to api.files.read, api.files.write instead of all permissions.",
    );
    type(find("policy-other-scopes"), "");
    expect(preview()).toMatch(/at least one permission/);
  });

  it("saves the change, closes, tells what changed and hands over the result", async () => {
    const updated: PolicyUpdated = { keyId: "key_1", expiresAt: "2026-12-30T12:00:00Z", scopes: ["api.all.read"] };
    const calls = rust({ update_key_policy: updated });
    const updates = openEdit(key({ expiresAt: "2027-01-12T12:00:00Z" }));
    pick(find("policy-permissions-read-only"));
    choose(find("policy-expiry"), "days:30");
    buttonNamed("policy-save").click();
    await settle();
    expect(named(calls, "update_key_policy")).toEqual([
      {
        orgId: "org-1",
        projectId: "proj_1",
        keyId: "key_1",
        change: { permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } },
      },
    ]);
    expect(dialogNamed("policy-dialog")).toBeNull();
    expect(toastTexts("success")).toEqual(["Updated “ci-deploy”: expires 30 Dec 2026; read only."]);
    expect(updates).toEqual([updated]);
  });

  it("keeps the fields and shows the server's message when a policy refuses the new expiry", async () => {
    const calls = rust({
      update_key_policy: () => {
        throw {
          code: "refused",
          message: "OpenAI refused it: This project requires API keys to expire within 7 days.",
        };
      },
    });
    const updates = openEdit(key({}));
    choose(find("policy-expiry"), "days:90");
    buttonNamed("policy-save").click();
    await settle();
    expect(named(calls, "update_key_policy").length).toBe(1);
    expect(dialogNamed("policy-dialog")).not.toBeNull();
    expect(dialogError("policy-dialog")).toContain("This project requires API keys to expire within 7 days.");
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("days:90");
    expect(buttonNamed("policy-save").disabled).toBe(false);
    choose(find("policy-expiry"), "days:7");
    expect(dialogError("policy-dialog")).toContain("within 7 days");
    expect(updates).toEqual([]);
  });

  it("shows Rust's invalid-input message in the dialog", async () => {
    rust({
      update_key_policy: () => {
        throw { code: "invalidInput", message: "2030-01-01 is more than 365 days away; the latest possible expiry is 2027-11-30" };
      },
    });
    openEdit(key({}));
    choose(find("policy-expiry"), "date");
    type(find("policy-expiry-date"), "2030-01-01");
    buttonNamed("policy-save").click();
    await settle();
    expect(dialogError("policy-dialog")).toMatch(/more than 365 days away/);
    expect(find<HTMLInputElement>("policy-expiry-date").value).toBe("2030-01-01");
  });

  it("closes and tells in a toast when the key is gone", async () => {
    const message = "key key_1 no longer exists in this project (it was probably revoked elsewhere); the list now shows the project's current keys";
    rust({
      update_key_policy: () => {
        throw { code: "notFound", message };
      },
    });
    const updates = openEdit(key({}));
    pick(find("policy-permissions-all"));
    buttonNamed("policy-save").click();
    await settle();
    expect(dialogNamed("policy-dialog")).toBeNull();
    expect(toastTexts("error")).toEqual([message]);
    expect(updates).toEqual([]);
  });

  it("opens an expired key read-only and says why", async () => {
    const calls = rust({ update_key_policy: { keyId: "key_1", expiresAt: null, scopes: [] } });
    openEdit(key({ expiresAt: "2026-11-27T12:00:00Z" }));
    expect(find("policy-expired").textContent).toBe(
      "This key expired 3 days ago; the API cannot change an expired key. Revoke it, or mint a new one.",
    );
    const controls = [...find("policy-form").querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")];
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((control) => control.disabled)).toBe(true);
    const save = buttonNamed("policy-save");
    expect(save.disabled).toBe(true);
    save.click();
    await settle();
    expect(calls).toEqual([]);
    expect(dialogNamed("policy-dialog")).not.toBeNull();
  });
});
