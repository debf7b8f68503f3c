import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../src/api";
import { listOrganizations, toCommandError } from "../src/api";

afterEach(() => clearMocks());

describe("api", () => {
  it("sends the command names and camelCase argument names the Rust side expects", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return [];
    });
    await listOrganizations();
    await api.listServiceAccounts("demo", "proj_1");
    expect(calls).toEqual([
      ["list_organizations", {}],
      ["list_service_accounts", { orgId: "demo", projectId: "proj_1" }],
    ]);
  });

  it("names every organization command and argument as the Rust side expects", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      return null;
    });
    await api.startupNotices();
    await api.keySources();
    await api.addOrganization("Acme", null, "clipboard");
    await api.replaceAdminKey("org-1", "environment");
    await api.renameOrganization("org-1", "Acme 2");
    await api.removeOrganization("org-1");
    await api.adminKeyHealth("org-1");
    await api.rotateAdminKey("org-1", "new", 90);
    expect(calls).toEqual([
      ["startup_notices", {}],
      ["key_sources", {}],
      ["add_organization", { label: "Acme", baseUrl: null, source: "clipboard" }],
      ["replace_admin_key", { orgId: "org-1", source: "environment" }],
      ["rename_organization", { orgId: "org-1", label: "Acme 2" }],
      ["remove_organization", { orgId: "org-1" }],
      ["admin_key_health", { orgId: "org-1" }],
      ["rotate_admin_key", { orgId: "org-1", name: "new", expiresInDays: 90 }],
    ]);
  });

  it("names the paged query commands and their arguments as docs/query-surface.md does", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      return null;
    });
    const keyQuery = {
      projectId: null,
      text: "x".repeat(10_000),
      filter: "expired" as const,
      sort: { column: "lastUsed" as const, descending: true },
      offset: 400,
      limit: 200,
    };
    const projectQuery = { text: "prod", includeArchived: false, offset: 0, limit: 100 };
    await api.inventoryStatus("org-1");
    await api.queryProjects("org-1", projectQuery);
    await api.queryKeys("org-1", keyQuery);
    await api.cancelRefresh("org-1");
    expect(calls).toEqual([
      ["inventory_status", { orgId: "org-1" }],
      ["query_projects", { orgId: "org-1", query: projectQuery }],
      ["query_keys", { orgId: "org-1", query: keyQuery }],
      ["cancel_refresh", { orgId: "org-1" }],
    ]);
    expect((calls[2]?.[1].query as { text: string }).text.length).toBe(10_000);
  });

  it("never calls the commands that sent whole inventories", () => {
    expect("getInventory" in api).toBe(false);
    expect("keyCosts" in api).toBe(false);
    expect("listKeys" in api).toBe(false);
    expect("listProjects" in api).toBe(false);
  });

  it("names the reveal and lost-key commands and arguments as the Rust side expects", async () => {
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      return null;
    });
    await api.acknowledgeNewKey("org-1", "r-1", false);
    await api.pendingNewKeys();
    await api.lostNewKeys();
    await api.dismissLostKey("r-1");
    expect(calls).toEqual([
      ["acknowledge_new_key", { orgId: "org-1", revealId: "r-1", evenIfNotCopied: false }],
      ["pending_new_keys", {}],
      ["lost_new_keys", {}],
      ["dismiss_lost_key", { revealId: "r-1" }],
    ]);
  });

  it("never sends anything that looks like a key: admin keys are read by Rust", async () => {
    const payloads: string[] = [];
    mockIPC((cmd, args) => {
      payloads.push(JSON.stringify([cmd, args]));
      return null;
    });
    await api.addOrganization("Acme", "https://api.openai.com/v1", "clipboard");
    await api.replaceAdminKey("org-1", "clipboard");
    expect(payloads.join("\n")).not.toMatch(/sk-/);
  });

  it("passes refresh progress through a channel and resolves to the inventory status", async () => {
    const status = {
      refreshedAt: "2026-01-01T00:00:00Z",
      refreshing: false,
      projectCount: 2000,
      keyCount: 100_000,
      cache: { state: "on" },
      notice: null,
    };
    mockIPC((cmd, args) => {
      expect(cmd).toBe("refresh_inventory");
      expect((args as { orgId: string }).orgId).toBe("demo");
      expect(typeof (args as { onProgress: unknown }).onProgress).toBe("object");
      return status;
    });
    expect(await api.refreshInventory("demo", () => {})).toEqual(status);
  });

  it("turns a rejected command into a CommandError with its code", async () => {
    mockIPC(() => {
      throw { code: "adminKey", message: "the admin key is no longer valid" };
    });
    await expect(api.inventoryStatus("demo")).rejects.toEqual({
      code: "adminKey",
      message: "the admin key is no longer valid",
    });
  });

  it("normalises unknown codes, strings and junk into an internal CommandError", () => {
    expect(toCommandError({ code: "weird", message: "m" })).toEqual({ code: "internal", message: "m" });
    expect(toCommandError("plain failure")).toEqual({ code: "internal", message: "plain failure" });
    expect(toCommandError(undefined).code).toBe("internal");
    expect(toCommandError({ nope: 1 }).message).toMatch(/went wrong/);
  });
});
