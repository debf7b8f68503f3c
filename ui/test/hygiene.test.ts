// Key hygiene in the window: the sidebar badge, the organization's hygiene card, the findings of
// one rule (a filtered query in Rust), the expiry filter, and how a row shows expiry and
// permissions.
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { expiryText, scopesText } from "../src/formats";
import type { KeyQuery } from "../src/types";
import { createKeyRow, editBlocked, permissionsLabel } from "../src/views/key-row";
import { $, $$, calls, fakeRust, hygieneReport, mount, settle } from "./app-support";
import { installDialogSupport } from "./dialog-support";
import { keyRow } from "./fixtures";

installDialogSupport();

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

const NOW = Date.parse("2026-11-30T12:00:00Z");
const days = (n: number) => new Date(NOW + n * 86_400_000).toISOString();

describe("expiry and permissions in words", () => {
  it("say when a key expires, or that it expired, or never", () => {
    expect(expiryText(null, NOW)).toBe("never");
    expect(expiryText(days(5), NOW)).toBe("in 5 days");
    expect(expiryText(days(-2), NOW)).toBe("expired 2 days ago");
    expect(expiryText(days(0), NOW)).toBe("expired just now");
    expect(expiryText("garbage", NOW)).toBe("unknown");
  });

  it("name all, read-only and restricted permissions", () => {
    expect(scopesText([])).toBe("All permissions");
    expect(scopesText(["api.all.read"])).toBe("Read only");
    expect(scopesText(["api.files.read", "api.responses.write"])).toBe("Restricted: api.files.read, api.responses.write");
  });

  it("say unknown when Keywarden never learnt a key's permissions, and where they come from otherwise", () => {
    expect(permissionsLabel(keyRow(0)).text).toBe("permissions unknown");
    expect(permissionsLabel(keyRow(0)).title).toMatch(/set outside Keywarden/);
    const set = keyRow(0, { permissions: { scopes: ["api.all.read"], setAt: days(-1), source: "keywarden" } });
    expect(permissionsLabel(set).text).toBe("read only");
    expect(permissionsLabel(set).title).toMatch(/^Read only\. Set with Keywarden on/);
    const audited = keyRow(0, { permissions: { scopes: ["a.b.read", "c.d.write"], setAt: days(-1), source: "auditLog" } });
    expect(permissionsLabel(audited).text).toBe("restricted (2)");
    expect(permissionsLabel(audited).title).toMatch(/Found in the audit log/);
  });
});

describe("a key row", () => {
  const actions = { onCopy: () => {}, onRevoke: () => {}, onEdit: () => {}, onDetails: () => {}, usageRead: () => false, revokeBlocked: () => null, isLost: () => false, fitting: null };

  it("shows an expired key's expiry in red and disables its edit with the reason", () => {
    const row = createKeyRow(false, actions, () => NOW);
    row.show(0, keyRow(0, { expiresAt: days(-2) }));
    const expires = row.element.querySelector("[data-testid=key-expires]");
    expect(expires?.textContent).toBe("expired 2 days ago");
    expect(expires?.classList.contains("expired")).toBe(true);
    const edit = row.element.querySelector<HTMLButtonElement>("[data-testid=edit-key-policy]");
    expect(edit?.disabled).toBe(true);
    expect(edit?.title).toMatch(/cannot change an expired key/);
    row.show(1, keyRow(1, { expiresAt: days(30) }));
    expect(expires?.textContent).toBe("in 30 days");
    expect(edit?.disabled).toBe(false);
  });

  it("makes the fitting action of a finding the primary button", () => {
    const row = createKeyRow(true, { ...actions, fitting: "edit" }, () => NOW);
    row.show(0, keyRow(0));
    expect(row.element.querySelector("[data-testid=edit-key-policy]")?.classList.contains("primary")).toBe(true);
    expect(editBlocked(keyRow(0), "read-only key", NOW)).toBe("read-only key");
  });
});

describe("the hygiene view", () => {
  it("badges the organization in the sidebar with the keys needing attention", async () => {
    fakeRust({}, [], hygieneReport(3));
    await mount().start();
    await settle();
    const badge = $("[data-testid=org-item][data-org-id=org-1] [data-testid=hygiene-badge]");
    expect(badge?.textContent).toBe("6");
    expect(badge?.title).toMatch(/6 keys need attention/);
  });

  it("shows no badge when nothing is urgent", async () => {
    fakeRust({}, [], hygieneReport(0));
    await mount().start();
    await settle();
    expect($("[data-testid=hygiene-badge]")).toBeNull();
  });

  it("lists every rule with its count, and a finding opens its keys queried by Rust across projects", async () => {
    const backend = fakeRust({}, [], hygieneReport(4));
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=org-header]")?.click();
    await settle();
    const findings = $$("[data-testid=hygiene-finding]");
    expect(findings.map((f) => f.dataset.rule)).toEqual([
      "expired", "expiring", "ownerLostAccess", "neverUsed", "idle", "neverExpires", "unrestrictedServiceAccount",
    ]);
    expect(findings[1]?.textContent).toContain("Expiring within 14 days");
    expect($("[data-testid=hygiene-summary]")?.textContent).toBe("8 keys need attention, of 100,000.");
    findings[0]?.click();
    await settle();
    const query = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(query).toMatchObject({ projectId: null, text: null, filter: "expired", offset: 0 });
    expect($("[data-testid=findings-title]")?.textContent).toBe("Expired");
    expect($("[data-testid=keys-table] th.col-project")).not.toBeNull();
    expect($("[data-testid=key-row] [data-testid=revoke-key]")?.className).toContain("danger-strong");
    $<HTMLButtonElement>("[data-testid=findings-back]")?.click();
    await settle();
    expect($("[data-testid=hygiene-card]")).not.toBeNull();
  });

  it("filters a project's keys by expiry in Rust, and Any expiry lifts the filter", async () => {
    const backend = fakeRust();
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=project-item][data-project-id=proj_0]")?.click();
    await settle();
    const filter = $<HTMLSelectElement>("[data-testid=expiry-filter]");
    if (!filter) throw new Error("no expiry filter");
    filter.value = "neverExpires";
    filter.dispatchEvent(new Event("change"));
    await settle();
    let query = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(query).toMatchObject({ projectId: "proj_0", filter: "neverExpires" });
    filter.value = "";
    filter.dispatchEvent(new Event("change"));
    await settle();
    query = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(query.filter).toBeNull();
  });

  it("sorts by expiry in Rust from the Expires header", async () => {
    const backend = fakeRust();
    await mount().start();
    await settle();
    $<HTMLButtonElement>("[data-testid=project-item][data-project-id=proj_0]")?.click();
    await settle();
    $<HTMLButtonElement>("[data-sort=expires]")?.click();
    await settle();
    const query = calls(backend, "query_keys").at(-1)?.[1].query as KeyQuery;
    expect(query.sort).toEqual({ column: "expires", descending: false });
  });
});

describe("a time ahead", () => {
  it("counts days exactly up to two months, then months and years", () => {
    expect(expiryText(days(1), NOW)).toBe("in 1 day");
    expect(expiryText(days(59), NOW)).toBe("in 59 days");
    expect(expiryText(days(90), NOW)).toBe("in 3 months");
    expect(expiryText(days(400), NOW)).toBe("in 1 year");
    expect(expiryText(new Date(NOW + 3 * 3600_000).toISOString(), NOW)).toBe("in 3 hours");
    expect(expiryText(new Date(NOW + 30 * 86_400_000 - 5_000).toISOString(), NOW)).toBe("in 30 days");
  });
});
