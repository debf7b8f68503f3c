import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as api from "../src/api";
import { listKeys, listOrganizations, listProjects, toCommandError } from "../src/api";

afterEach(() => clearMocks());

describe("api", () => {
  it("sends the command names and camelCase argument names the Rust side expects", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return [];
    });
    await listOrganizations();
    await listProjects("demo");
    await listKeys("demo", "proj_1");
    expect(calls).toEqual([
      ["list_organizations", {}],
      ["list_projects", { orgId: "demo" }],
      ["list_keys", { orgId: "demo", projectId: "proj_1" }],
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
    await api.getInventory("org-1");
    await api.adminKeyHealth("org-1");
    await api.rotateAdminKey("org-1", "new", 90);
    await api.keyCosts("org-1", 30);
    expect(calls).toEqual([
      ["startup_notices", {}],
      ["key_sources", {}],
      ["add_organization", { label: "Acme", baseUrl: null, source: "clipboard" }],
      ["replace_admin_key", { orgId: "org-1", source: "environment" }],
      ["rename_organization", { orgId: "org-1", label: "Acme 2" }],
      ["remove_organization", { orgId: "org-1" }],
      ["get_inventory", { orgId: "org-1" }],
      ["admin_key_health", { orgId: "org-1" }],
      ["rotate_admin_key", { orgId: "org-1", name: "new", expiresInDays: 90 }],
      ["key_costs", { orgId: "org-1", days: 30 }],
    ]);
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

  it("passes refresh progress through a channel", async () => {
    mockIPC((cmd, args) => {
      expect(cmd).toBe("refresh_inventory");
      expect((args as { orgId: string }).orgId).toBe("demo");
      expect(typeof (args as { onProgress: unknown }).onProgress).toBe("object");
      return { refreshedAt: "2026-01-01T00:00:00Z", projects: [] };
    });
    const inventory = await api.refreshInventory("demo", () => {});
    expect(inventory.projects).toEqual([]);
  });

  it("turns a rejected command into a CommandError with its code", async () => {
    mockIPC(() => {
      throw { code: "adminKey", message: "the admin key is no longer valid" };
    });
    await expect(listProjects("demo")).rejects.toEqual({
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
