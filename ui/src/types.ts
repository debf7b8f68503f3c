// The shapes the Rust side sends (src-tauri/src/dto.rs). Metadata only: never a secret.

export type OrgKind = "demo" | "remote";

export interface Organization {
  id: string;
  label: string;
  kind: OrgKind;
  baseUrl: string;
}

export interface Project {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
}

export type OwnerKind = "user" | "serviceAccount" | "unknown";

export interface ApiKey {
  id: string;
  name: string;
  redactedValue: string;
  ownerKind: OwnerKind;
  ownerName: string;
  ownerEmail: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  ownerAccess: string | null;
}

export type ErrorCode =
  | "adminKey"
  | "missingScope"
  | "keychain"
  | "invalidInput"
  | "notFound"
  | "unreachable"
  | "internal";

export interface CommandError {
  code: ErrorCode;
  message: string;
}
