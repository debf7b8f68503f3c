import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LostKey, RevokePreview } from "../src/types";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { warnAboutLostKeys } from "../src/views/lost-key-warning";
import { buttonNamed, dialogNamed, installDialogSupport, pressWithPointer, settle, useFakeClock } from "./dialog-support";

installDialogSupport();

beforeEach(() => useFakeClock());
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
  document.body.replaceChildren();
});

const lost: LostKey = {
  revealId: "5d0f2b1c-0000-4000-8000-000000000002",
  orgId: "org-1",
  orgLabel: "Acme",
  projectId: "proj_1",
  keyId: "key_lost",
  serviceAccountId: "svc_acct_lost",
  name: "ci-deploy",
  createdAt: "2026-01-01T00:00:00Z",
  recordedAt: "2026-01-01T00:00:00Z",
  copied: false,
  lostAt: "2026-01-01T00:05:00Z",
};

const preview: RevokePreview = {
  projectId: "proj_1",
  keyId: "key_lost",
  keyName: "ci-deploy",
  blastRadius: { kind: "serviceAccount", serviceAccountId: "svc_acct_lost", serviceAccountName: "ci-deploy", keyCount: 1 },
  lastUsedAt: null,
  requiresTypedConfirmation: false,
  confirmationText: "ci-deploy",
  summary: "Deletes service account ci-deploy and its 1 key.",
};

function rust(): [string, unknown][] {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "lost_new_keys") return [lost];
    if (cmd === "revoke_preview") return preview;
    if (cmd === "revoke_key") {
      return { outcome: "revoked", projectId: "proj_1", keyIds: ["key_lost"], serviceAccountId: "svc_acct_lost", name: "ci-deploy" };
    }
    return true;
  });
  return calls;
}

describe("the lost-key warning", () => {
  it("says which key was lost, shows what revoking deletes, and revokes it when asked", async () => {
    const calls = rust();
    const revoked: string[] = [];
    void warnAboutLostKeys((orgId, projectId) => revoked.push(`${orgId}/${projectId}`));
    await settle();
    const warning = dialogNamed("lost-key-warning");
    expect(warning?.querySelector("[data-testid=lost-key-message]")?.textContent).toBe(
      "Keywarden closed while the key ci-deploy was waiting to be copied. Its secret is lost. Revoke it?",
    );
    expect(warning?.querySelector("em")?.textContent).toBe("ci-deploy");
    expect(warning?.querySelector("[data-testid=blast-radius]")?.textContent).toBe(preview.summary);
    const revoke = buttonNamed("lost-key-revoke");
    expect(revoke.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).not.toBe(revoke);

    await settle(ARMING_DELAY_MS);
    pressWithPointer(revoke);
    await settle();
    expect(calls.map(([cmd]) => cmd)).toEqual(["lost_new_keys", "revoke_preview", "revoke_key"]);
    expect(calls[2]?.[1]).toEqual({ orgId: "org-1", projectId: "proj_1", keyId: "key_lost", confirmation: null });
    expect(revoked).toEqual(["org-1/proj_1"]);
    expect(dialogNamed("lost-key-warning")).toBeNull();
  });

  it("forgets a key the user keeps, and asks again later when they put it off", async () => {
    const calls = rust();
    void warnAboutLostKeys(() => undefined);
    await settle();
    buttonNamed("lost-key-later").click();
    await settle();
    expect(calls.map(([cmd]) => cmd)).not.toContain("dismiss_lost_key");

    void warnAboutLostKeys(() => undefined);
    await settle();
    buttonNamed("lost-key-keep").click();
    await settle();
    expect(calls.at(-1)).toEqual(["dismiss_lost_key", { revealId: lost.revealId }]);
    expect(dialogNamed("lost-key-warning")).toBeNull();
  });
});
