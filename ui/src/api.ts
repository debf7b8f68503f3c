// The only module that talks to the Rust side. One typed function per command; every rejection
// comes out as a CommandError.

import { invoke } from "@tauri-apps/api/core";
import type { ApiKey, CommandError, ErrorCode, Organization, Project } from "./types";

const CODES: readonly ErrorCode[] = [
  "adminKey",
  "missingScope",
  "keychain",
  "invalidInput",
  "notFound",
  "unreachable",
  "internal",
];

/** Turns whatever a command rejected with into a CommandError. */
export function toCommandError(raw: unknown): CommandError {
  if (typeof raw === "object" && raw !== null) {
    const candidate = raw as { code?: unknown; message?: unknown };
    if (typeof candidate.message === "string") {
      const code = CODES.find((c) => c === candidate.code) ?? "internal";
      return { code, message: candidate.message };
    }
  }
  if (typeof raw === "string" && raw.length > 0) {
    return { code: "internal", message: raw };
  }
  return { code: "internal", message: "Something went wrong inside Keywarden." };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toCommandError(raw);
  }
}

/** The organizations in sidebar order. */
export function listOrganizations(): Promise<Organization[]> {
  return call("list_organizations");
}

/** Every project of an organization, archived ones included. */
export function listProjects(orgId: string): Promise<Project[]> {
  return call("list_projects", { orgId });
}

/** Every key of a project. */
export function listKeys(orgId: string, projectId: string): Promise<ApiKey[]> {
  return call("list_keys", { orgId, projectId });
}
