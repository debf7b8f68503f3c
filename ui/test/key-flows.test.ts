import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { type KeyFlowHost, projectButtons, rowActions, spendText } from "../src/key-flows";
import type { ApiKey, ProjectInventory } from "../src/types";
import type { OrgEntry } from "../src/views/sidebar";

afterEach(() => clearMocks());

const host: KeyFlowHost = { render: () => {}, onSort: () => {}, activityChanged: () => {}, costOf: () => null };
const project: ProjectInventory = {
  project: { id: "proj_1", name: "P", status: "active", createdAt: "2026-01-01T00:00:00Z", archivedAt: null },
  keys: [],
  keysError: null,
  serviceAccounts: 0,
};
const key: ApiKey = {
  id: "key_1",
  name: "k",
  redactedValue: "sk-a...b",
  ownerKind: "user",
  ownerName: "Ada",
  ownerEmail: null,
  createdAt: "2026-01-01T00:00:00Z",
  lastUsedAt: null,
  ownerAccess: "active",
};

function entry(readOnly: boolean): OrgEntry {
  return {
    org: {
      id: "org-1",
      label: "Acme",
      kind: "remote",
      baseUrl: "https://api.openai.com/v1",
      status: { state: "ready" },
      createdAt: "2026-01-01T00:00:00Z",
      lastRefreshedAt: null,
      readOnly,
    },
    inventory: { refreshedAt: "2026-01-01T00:00:00Z", projects: [project] },
    refreshing: null,
    error: null,
  };
}

describe("key flows", () => {
  it("disables creating and revoking with an explanation when the admin key is read-only", () => {
    const [, create] = projectButtons(host, entry(true), project) as HTMLButtonElement[];
    expect(create?.disabled).toBe(true);
    expect(create?.title).toMatch(/read-only/);
    const buttons = rowActions(host, entry(true)).rowButtons?.({ key, project: project.project }) ?? [];
    const revoke = buttons.find((b) => b.dataset.testid === "revoke-key") as HTMLButtonElement;
    expect(revoke.disabled).toBe(true);
  });

  it("refuses new keys in an archived project and says why", () => {
    const archived = { ...project, project: { ...project.project, status: "archived" } };
    const [, create] = projectButtons(host, entry(false), archived) as HTMLButtonElement[];
    expect(create?.disabled).toBe(true);
    expect(create?.title).toMatch(/Archived/);
  });

  it("copies the key id through Rust, never through the page", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const buttons = rowActions(host, entry(false)).rowButtons?.({ key, project: project.project }) ?? [];
    (buttons.find((b) => b.dataset.testid === "copy-key-id") as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([["copy_text", { text: "key_1" }]]);
  });
});

describe("spend", () => {
  const costs = { days: 30, currency: "usd", byKey: { key_1: 12.5 }, unattributed: 0 };
  it("reads as money over the period, and says when a key cost nothing", () => {
    expect(spendText(costs, "key_1")).toBe("$12.50 in 30 days");
    expect(spendText(costs, "key_2")).toBe("no spend in 30 days");
    expect(spendText(undefined, "key_1")).toBeNull();
  });
});
