import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { warnAboutLostKeys } from "../src/views/lost-key-warning";
import { buttonNamed, dialogNamed, pressWithPointer, setUpDialogTests, settle } from "./dialog-support";
import { lostKey, lostKeyPreview } from "./fixtures";

setUpDialogTests();

const lost = lostKey("proj_1");
const preview = lostKeyPreview(lost);

function rust(): [string, unknown][] {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "lost_new_keys") return [lost];
    if (cmd === "revoke_preview") return preview;
    if (cmd === "revoke_key") {
      return { outcome: "revoked", projectId: "proj_1", keyIds: ["key_lost"], serviceAccountId: "svc_lost", name: "ci-deploy" };
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

  it("revokes a lost key that shares its service account alone, keeping the account and its other keys", async () => {
    const shared = { ...preview, blastRadius: { ...preview.blastRadius, keyCount: 3 }, summary: "Deletes service account ci-deploy and its 3 keys." };
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "lost_new_keys") return [lost];
      if (cmd === "revoke_preview") return shared;
      if (cmd === "revoke_orphan") {
        return { outcome: "revoked", projectId: "proj_1", keyIds: ["key_lost"], serviceAccountId: null, name: null, expired: true };
      }
      return true;
    });
    void warnAboutLostKeys(() => undefined);
    await settle();
    const blast = dialogNamed("lost-key-warning")?.querySelector("[data-testid=blast-radius]")?.textContent ?? "";
    expect(blast).toContain("Only this key is taken out of service");
    expect(blast).toContain("its 2 other keys stay");
    const revoke = buttonNamed("lost-key-revoke");
    expect(revoke.textContent).toBe("Revoke this key");
    await settle(ARMING_DELAY_MS);
    pressWithPointer(revoke);
    await settle();
    expect(calls.map(([cmd]) => cmd)).toEqual(["lost_new_keys", "revoke_preview", "revoke_orphan"]);
    expect(calls[2]?.[1]).toEqual({ orgId: "org-1", projectId: "proj_1", serviceAccountId: lost.serviceAccountId, keyId: "key_lost" });
    expect(document.querySelector(".toast")?.textContent).toContain("made to expire now");
  });
});
