import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { KeyRotation, KeyRotationInProgress, KeyRotationPlan, KeyRotationStatus, WatchedKey } from "../src/types";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { mountRotationBanner } from "../src/views/rotation-banner";
import { lifetimeText, startRotationDialog, userOwnedRotationDialog } from "../src/views/rotation-dialogs";
import { ROTATION_POLL_MS, lastUseText, rotationPanel } from "../src/views/rotation-panel";
import { buttonNamed, dialogNamed, pressWithPointer, setUpDialogTests, settle } from "./dialog-support";

setUpDialogTests();

const rotation: KeyRotation = {
  rotationId: "3f1c2a9e-0000-4000-8000-000000000001",
  orgId: "org-1",
  projectId: "proj_1",
  serviceAccountId: "svc_1",
  serviceAccountName: "billing-worker",
  oldKey: { id: "key_old", name: "billing-worker", createdAt: "2026-09-01T00:00:00Z" },
  newKeyName: "billing-worker (rotated 2026-12-01)",
  newKey: { id: "key_new", name: "billing-worker (rotated 2026-12-01)", createdAt: "2026-12-01T10:00:00Z" },
  scopes: ["api.all.read"],
  permissionsKnown: true,
  expiresInSeconds: 90 * 86400,
  phase: "watching",
  startedAt: "2026-12-01T10:00:00Z",
  secretLost: false,
  lastError: null,
};

function watched(id: string, overrides: Partial<WatchedKey> = {}): WatchedKey {
  return {
    id,
    name: id === "key_old" ? rotation.oldKey.name : rotation.newKeyName,
    createdAt: "2026-12-01T10:00:00Z",
    state: "active",
    lastUsedAt: null,
    lastUsedSecondsAgo: null,
    expiresAt: null,
    ...overrides,
  };
}

function status(overrides: Partial<KeyRotationStatus> = {}): KeyRotationStatus {
  return {
    rotation,
    oldKey: watched("key_old", { lastUsedAt: "2026-12-01T09:48:00Z", lastUsedSecondsAgo: 720 }),
    newKey: watched("key_new"),
    serverNow: "2026-12-01T10:00:00Z",
    newKeyUsed: false,
    oldKeyUsedSince: false,
    serviceAccountGone: false,
    canFinish: false,
    canOverride: true,
    canAbandon: true,
    message: "Waiting for the new key to be used.",
    ...overrides,
  };
}

const used = status({
  newKey: watched("key_new", { lastUsedAt: "2026-12-01T09:57:00Z", lastUsedSecondsAgo: 180 }),
  newKeyUsed: true,
  canFinish: true,
  canOverride: false,
  message: "The new key is in use. Revoke the old key “billing-worker” to finish.",
});

const completed = status({
  rotation: { ...rotation, phase: "completed" },
  canOverride: false,
  canAbandon: false,
  message: "The rotation is complete: the key “billing-worker” was revoked.",
});

function rust(answers: Record<string, (args: Record<string, unknown>) => unknown>): [string, Record<string, unknown>][] {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    const answer = answers[cmd];
    if (!answer) throw { code: "internal", message: `unexpected ${cmd}` };
    return answer(payload);
  });
  return calls;
}

const text = (testId: string): string => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? "";

describe("the rotation watch", () => {
  it("keeps “Revoke old key” off until the new key is used, and revokes with the typed name when overridden", async () => {
    let answer = status();
    const calls = rust({
      key_rotation_status: () => answer,
      finish_key_rotation: () => completed,
    });
    const changed: string[] = [];
    rotationPanel("org-1", rotation.rotationId, "billing-worker", () => changed.push("keys"));
    await settle();
    expect(text("rotation-phase")).toBe("Waiting for the new key to be used");
    expect(text("rotation-old-key-used")).toBe("last used 12 minutes ago");
    expect(text("rotation-new-key-used")).toBe("not used yet");
    const finish = buttonNamed("rotation-finish");
    expect(finish.disabled).toBe(true);

    buttonNamed("rotation-override").click();
    const typed = document.querySelector<HTMLInputElement>("[data-testid=rotation-override-name]");
    if (!typed) throw new Error("no name field");
    typed.value = "billing";
    typed.dispatchEvent(new Event("input"));
    expect(finish.disabled).toBe(true);
    typed.value = "billing-worker";
    typed.dispatchEvent(new Event("input"));
    expect(finish.disabled).toBe(false);

    await settle(ARMING_DELAY_MS);
    pressWithPointer(finish);
    await settle();
    expect(calls.at(-1)).toEqual([
      "finish_key_rotation",
      { orgId: "org-1", rotationId: rotation.rotationId, confirmation: "billing-worker" },
    ]);
    expect(text("rotation-phase")).toBe("Rotation complete");
    expect(text("rotation-message")).toContain("The rotation is complete");
    expect(document.querySelector<HTMLElement>(".rotation-steps")?.hidden).toBe(true);
    expect(changed).toEqual(["keys"]);

    answer = completed;
    const before = calls.length;
    await settle(ROTATION_POLL_MS * 2);
    expect(calls.length).toBe(before);
  });

  it("asks again every few seconds and enables the revoke once OpenAI reports the new key used", async () => {
    let answer = status();
    const calls = rust({
      key_rotation_status: () => answer,
      finish_key_rotation: () => completed,
    });
    rotationPanel("org-1", rotation.rotationId, "billing-worker", () => undefined);
    await settle();
    answer = used;
    await settle(ROTATION_POLL_MS);
    expect(text("rotation-new-key-used")).toBe("last used 3 minutes ago");
    expect(document.querySelector(".rotation-key-used.used")).not.toBeNull();
    const finish = buttonNamed("rotation-finish");
    expect(finish.disabled).toBe(false);
    expect(buttonNamed("rotation-override").hidden).toBe(true);

    await settle(ARMING_DELAY_MS);
    pressWithPointer(finish);
    await settle();
    expect(calls.at(-1)?.[1]).toMatchObject({ confirmation: null });
  });

  it("shows a failed step's error and keeps the buttons for another try", async () => {
    rust({
      key_rotation_status: () => status({ rotation: { ...rotation, lastError: "the old key could not be revoked (HTTP 500)" } }),
    });
    rotationPanel("org-1", rotation.rotationId, "billing-worker", () => undefined);
    await settle();
    const error = document.querySelector<HTMLElement>("[data-testid=rotation-error]");
    expect(error?.hidden).toBe(false);
    expect(error?.textContent).toContain("could not be revoked");
    expect(buttonNamed("rotation-abandon").disabled).toBe(false);
  });
});

describe("last use on the server's clock", () => {
  it("is never in the future and says when a key is gone or unused", () => {
    expect(lastUseText(watched("k", { lastUsedAt: "2026-12-01T10:00:00Z", lastUsedSecondsAgo: 0 }))).toBe("last used just now");
    expect(lastUseText(watched("k", { lastUsedAt: "2026-12-01T10:00:00Z", lastUsedSecondsAgo: -30 }))).toBe("last used just now");
    expect(lastUseText(watched("k", { state: "gone" }))).toBe("gone (revoked)");
    expect(lastUseText(watched("k"))).toBe("not used yet");
  });

  it("writes lifetimes in days, hours or minutes", () => {
    expect(lifetimeText(90 * 86400)).toBe("90 days");
    expect(lifetimeText(86400)).toBe("1 day");
    expect(lifetimeText(7200)).toBe("2 hours");
    expect(lifetimeText(30)).toBe("1 minute");
  });
});

describe("starting a rotation", () => {
  const plan: KeyRotationPlan = {
    projectId: "proj_1",
    oldKey: rotation.oldKey,
    oldKeyExpiresAt: null,
    serviceAccountId: "svc_1",
    serviceAccountName: "billing-worker",
    newKeyName: rotation.newKeyName,
    scopes: null,
    expiresInSeconds: 90 * 86400,
  };

  it("shows the plan and starts once however often it is pressed", async () => {
    const calls = rust({
      plan_key_rotation: () => plan,
      start_key_rotation: () => ({ rotation, created: null }),
    });
    const started: string[] = [];
    void startRotationDialog("org-1", "proj_1", "key_old", (done) => started.push(done.rotation.rotationId));
    await settle();
    expect(text("rotation-plan-name")).toBe(rotation.newKeyName);
    expect(text("rotation-plan-permissions")).toContain("the old key's are unknown");
    expect(text("rotation-plan-expiry")).toBe("90 days after it is created, like the old key's lifetime");
    const confirm = buttonNamed("rotation-start-confirm");
    confirm.click();
    confirm.click();
    await settle();
    const starts = calls.filter(([cmd]) => cmd === "start_key_rotation");
    expect(starts).toHaveLength(1);
    expect(starts[0]?.[1]).toMatchObject({ orgId: "org-1", projectId: "proj_1", keyId: "key_old" });
    expect(started).toEqual([rotation.rotationId]);
    expect(dialogNamed("rotation-start-dialog")).toBeNull();
  });

  it("explains a person's key and opens the create dialog only after closing", async () => {
    const opened: string[] = [];
    userOwnedRotationDialog("Ada's laptop", "Ada Lovelace", () => opened.push(dialogNamed("rotation-user-owned") ? "on top" : "after"));
    const dialog = dialogNamed("rotation-user-owned");
    expect(dialog?.textContent).toContain("belongs to a person (Ada Lovelace)");
    expect(dialog?.textContent).toContain("service-account key instead");
    buttonNamed("rotation-create-instead").click();
    await settle();
    expect(opened).toEqual(["after"]);
  });
});

describe("the banner of rotations in progress", () => {
  it("lists each rotation after a restart and opens its watch", async () => {
    const found: KeyRotationInProgress = { rotation, orgLabel: "Acme", busy: false };
    rust({ list_key_rotations: () => [found] });
    const container = document.createElement("div");
    document.body.append(container);
    const opened: string[] = [];
    mountRotationBanner(container, (entry) => opened.push(entry.rotation.rotationId));
    await settle();
    expect(text("rotation-banner")).toContain("Rotating “billing-worker” (Acme): both keys work until you revoke the old one");
    buttonNamed("rotation-banner-open").click();
    expect(opened).toEqual([rotation.rotationId]);
  });
});
