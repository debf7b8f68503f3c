import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { CreateOutcome } from "../src/types";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { orphanDialog } from "../src/views/orphan-dialog";
import { buttonNamed, dialogNamed, pressWithPointer, setUpDialogTests, settle } from "./dialog-support";

setUpDialogTests();

type Orphaned = Extract<CreateOutcome, { outcome: "orphaned" }>;

const orphan = (keyId: string | null): Orphaned => ({
  outcome: "orphaned",
  projectId: "proj_1",
  serviceAccountId: "svc_1",
  keyId,
  name: "extra",
  explanation: "The key “extra” was created, but the response carrying its secret was lost.",
});

/** Opens the orphan dialog, revokes, and gives the commands sent and the toast shown. */
async function revoke(found: Orphaned, answer: unknown): Promise<{ calls: [string, unknown][]; toast: string }> {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return answer;
  });
  let revoked = 0;
  orphanDialog("org-1", found, () => revoked++);
  await settle(ARMING_DELAY_MS);
  pressWithPointer(buttonNamed("revoke-orphan"));
  await settle();
  expect(revoked).toBe(1);
  expect(dialogNamed("orphan-dialog")).toBeNull();
  return { calls, toast: document.querySelector(".toast")?.textContent ?? "" };
}

describe("the orphan dialog", () => {
  it("revokes an orphaned extra key alone: its service account and other keys stay", async () => {
    const { calls, toast } = await revoke(orphan("key_9"), {
      outcome: "revoked",
      projectId: "proj_1",
      keyIds: ["key_9"],
      serviceAccountId: null,
      name: null,
      expired: true,
    });
    expect(calls).toEqual([
      ["revoke_orphan", { orgId: "org-1", projectId: "proj_1", serviceAccountId: "svc_1", keyId: "key_9" }],
    ]);
    expect(buttonLabelOf(orphan("key_9"))).toBe("Revoke the key");
    expect(toast).toContain("made to expire now");
    expect(toast).toContain("Its service account and other keys keep working");
  });

  it("deletes a service account made for a key whose secret was lost", async () => {
    const { calls, toast } = await revoke(orphan(null), {
      outcome: "revoked",
      projectId: "proj_1",
      keyIds: [],
      serviceAccountId: "svc_1",
      name: null,
      expired: false,
    });
    expect(calls).toEqual([
      ["revoke_orphan", { orgId: "org-1", projectId: "proj_1", serviceAccountId: "svc_1", keyId: null }],
    ]);
    expect(toast).toContain("Revoked “extra”. Nothing is left behind.");
  });

  it("says so when what was lost is already gone", async () => {
    const { toast } = await revoke(orphan("key_9"), { outcome: "alreadyGone", projectId: "proj_1", id: "key_9" });
    expect(toast).toContain("“extra” was already gone");
  });
});

/** The label of the revoke button for `found`. */
function buttonLabelOf(found: Orphaned): string {
  orphanDialog("org-1", found, () => undefined);
  const label = buttonNamed("revoke-orphan").textContent ?? "";
  buttonNamed("keep-orphan").click();
  return label;
}
