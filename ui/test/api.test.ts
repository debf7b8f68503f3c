import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
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
