import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { RevokeOutcome, RevokePreview } from "../src/types";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { revokeDialog } from "../src/views/key-dialogs";
import { buttonNamed, dialogNamed, pressWithPointer, setUpDialogTests, settle } from "./dialog-support";

setUpDialogTests();

const preview = (keyCount: number, recent = false): RevokePreview => ({
  projectId: "proj_1",
  keyId: "key_2",
  keyName: "ci-bot 2",
  blastRadius: { kind: "serviceAccount", serviceAccountId: "svc_1", serviceAccountName: "ci-bot", keyCount },
  lastUsedAt: recent ? new Date().toISOString() : null,
  requiresTypedConfirmation: recent,
  confirmationText: "ci-bot 2",
  summary: `Deletes service account “ci-bot” and all ${keyCount} of its keys, including “ci-bot 2”.`,
});

const EXPIRED: RevokeOutcome = { outcome: "revoked", projectId: "proj_1", keyIds: ["key_2"], serviceAccountId: null, name: "ci-bot 2", expired: true };

/** Opens the revoke dialog over a fake Rust; gives the commands sent and the outcomes heard. */
async function open(answer: RevokePreview): Promise<{ calls: [string, unknown][]; outcomes: RevokeOutcome[] }> {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "revoke_preview") return answer;
    return EXPIRED;
  });
  const outcomes: RevokeOutcome[] = [];
  void revokeDialog("org-1", "proj_1", "key_2", (outcome) => outcomes.push(outcome));
  await settle();
  return { calls, outcomes };
}

describe("the revoke dialog", () => {
  it("offers to expire only a key that shares its service account, and keeps the account", async () => {
    const { calls, outcomes } = await open(preview(3));
    const dialog = dialogNamed("revoke-dialog");
    expect(dialog?.querySelector("h2, .dialog-title")?.textContent ?? dialog?.textContent).toContain("Revoke “ci-bot 2”?");
    expect(dialog?.querySelector(".blast")?.textContent).toBe("“ci-bot 2” shares service account “ci-bot” with 2 other keys.");
    expect(dialog?.querySelector("[data-testid=revoke-alone-hint]")?.textContent).toContain("the service account and its 2 other keys keep working");
    expect(dialog?.querySelector("[data-testid=blast-radius]")?.textContent).toBe("Delete service account: deletes “ci-bot” and all 3 of its keys.");
    expect(buttonNamed("revoke-confirm").textContent).toBe("Delete service account");
    const alone = buttonNamed("revoke-key-alone");
    expect(alone.textContent).toBe("Expire only this key");

    await settle(ARMING_DELAY_MS);
    pressWithPointer(alone);
    await settle();
    expect(calls.map(([cmd]) => cmd)).toEqual(["revoke_preview", "revoke_key_alone"]);
    expect(calls[1]?.[1]).toEqual({ orgId: "org-1", projectId: "proj_1", keyId: "key_2", confirmation: null });
    expect(outcomes).toEqual([EXPIRED]);
    expect(dialogNamed("revoke-dialog")).toBeNull();
  });

  it("sends the typed name with either choice when the keys were used recently", async () => {
    const { calls } = await open(preview(2, true));
    const input = document.querySelector<HTMLInputElement>("[data-testid=revoke-confirmation]");
    expect(input).not.toBeNull();
    if (input) input.value = "ci-bot 2";
    await settle(ARMING_DELAY_MS);
    pressWithPointer(buttonNamed("revoke-key-alone"));
    await settle();
    expect(calls[1]).toEqual(["revoke_key_alone", { orgId: "org-1", projectId: "proj_1", keyId: "key_2", confirmation: "ci-bot 2" }]);
  });

  it("offers only deleting the account when the key is its only one", async () => {
    await open(preview(1));
    expect(document.querySelector("[data-testid=revoke-key-alone]")).toBeNull();
    expect(document.querySelector("[data-testid=revoke-alone-hint]")).toBeNull();
    expect(buttonNamed("revoke-confirm").textContent).toBe("Delete service account");
  });
});
