import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { CreateOutcome, CreatedKey, ProjectRow } from "../src/types";
import { ARMING_DELAY_MS } from "../src/views/dialog";
import { createKeyDialog } from "../src/views/key-dialogs";
import { NEVER_COPIED_MESSAGE, revealDialog } from "../src/views/reveal-dialog";
import {
  buttonNamed,
  dialogNamed,
  setUpDialogTests,
  pressEnter,
  pressWithPointer,
  releaseOnly,
  settle,
} from "./dialog-support";

setUpDialogTests();

const key: CreatedKey = {
  revealId: "5d0f2b1c-0000-4000-8000-000000000001",
  keyId: "key_new",
  name: "ci-deploy",
  redactedValue: "sk-svca…9fQe",
  createdAt: "2026-01-01T00:00:00Z",
  serviceAccountId: "svc_acct_new",
  projectId: "proj_1",
};

/** A Rust stand-in that remembers whether the key was copied, as the reveal vault does. */
function rustVault(): { calls: [string, Record<string, unknown>][]; held: () => boolean } {
  let copied = false;
  let held = true;
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    if (cmd === "copy_new_key") {
      copied = true;
      return { clearsAt: new Date(Date.now() + 30_000).toISOString() };
    }
    if (cmd === "acknowledge_new_key") {
      if (!held) return "alreadyGone";
      if (!copied && payload.evenIfNotCopied !== true) return "notCopied";
      held = false;
      return copied ? "wiped" : "discarded";
    }
    return null;
  });
  return { calls, held: () => held };
}

function openReveal(): { done: () => number } {
  let done = 0;
  revealDialog("org-1", key, "sk-svca…9fQe", () => done++);
  return { done: () => done };
}

const acknowledgements = (calls: [string, Record<string, unknown>][]) =>
  calls.filter(([cmd]) => cmd === "acknowledge_new_key").map(([, args]) => args.evenIfNotCopied);

describe("the one-time reveal", () => {
  it("focuses the copy action, never the acknowledge action, and arms both", () => {
    rustVault();
    openReveal();
    expect(document.activeElement).toBe(buttonNamed("reveal-copy"));
    expect(buttonNamed("reveal-copy").getAttribute("aria-disabled")).toBe("true");
    expect(buttonNamed("reveal-acknowledge").getAttribute("aria-disabled")).toBe("true");
  });

  it("ignores the rest of a double-click and a held Enter aimed at the create dialog", async () => {
    const vault = rustVault();
    const reveal = openReveal();
    const acknowledge = buttonNamed("reveal-acknowledge");
    releaseOnly(acknowledge);
    await settle(120);
    pressWithPointer(acknowledge);
    for (let i = 0; i < 4; i++) pressEnter(buttonNamed("reveal-copy"), true);
    await settle(ARMING_DELAY_MS);
    for (let i = 0; i < 4; i++) pressEnter(buttonNamed("reveal-copy"), true);
    releaseOnly(acknowledge);
    await settle();
    expect(vault.calls).toEqual([]);
    expect(dialogNamed("reveal-dialog")).not.toBeNull();
    expect(reveal.done()).toBe(0);
  });

  it("asks before wiping a key that was never copied, with the safe choice focused", async () => {
    const vault = rustVault();
    const reveal = openReveal();
    await settle(ARMING_DELAY_MS);
    pressWithPointer(buttonNamed("reveal-acknowledge"));
    await settle();
    expect(dialogNamed("confirm-dialog")?.textContent).toContain(NEVER_COPIED_MESSAGE);
    expect(NEVER_COPIED_MESSAGE).toBe("You haven't copied this key or sent it to a vault. Once you confirm, nobody can see it again.");
    expect(document.activeElement).toBe(buttonNamed("confirm-cancel"));
    expect(buttonNamed("confirm-accept").getAttribute("aria-disabled")).toBe("true");

    pressEnter(buttonNamed("confirm-cancel"));
    await settle();
    expect(dialogNamed("confirm-dialog")).toBeNull();
    expect(dialogNamed("reveal-dialog")).not.toBeNull();
    expect(vault.held()).toBe(true);
    expect(document.activeElement).toBe(buttonNamed("reveal-copy"));

    pressWithPointer(buttonNamed("reveal-acknowledge"));
    await settle(ARMING_DELAY_MS);
    pressWithPointer(buttonNamed("confirm-accept"));
    await settle();
    expect(acknowledgements(vault.calls)).toEqual([false, false, true]);
    expect(vault.held()).toBe(false);
    expect(dialogNamed("reveal-dialog")).toBeNull();
    expect(reveal.done()).toBe(1);
  });

  it("does not ask once the key was copied", async () => {
    const vault = rustVault();
    const reveal = openReveal();
    await settle(ARMING_DELAY_MS);
    pressEnter(buttonNamed("reveal-copy"));
    await settle();
    expect(buttonNamed("clipboard-countdown").textContent).toContain("cleared in 30 s");
    pressWithPointer(buttonNamed("reveal-acknowledge"));
    await settle();
    expect(dialogNamed("confirm-dialog")).toBeNull();
    expect(acknowledgements(vault.calls)).toEqual([false]);
    expect(dialogNamed("reveal-dialog")).toBeNull();
    expect(reveal.done()).toBe(1);
  });

  it("puts its buttons on the side away from the create dialog's confirm button", () => {
    rustVault();
    openReveal();
    const reveal = dialogNamed("reveal-dialog");
    expect(reveal?.classList.contains("reveal-dialog")).toBe(true);
    const actions = reveal?.querySelector(".dialog-actions");
    expect(actions?.firstElementChild).toBe(buttonNamed("reveal-acknowledge"));
    expect(buttonNamed("reveal-copy").parentElement?.firstElementChild).toBe(buttonNamed("reveal-copy"));
  });
});

describe("creating a key", () => {
  const project: ProjectRow = {
    id: "proj_1",
    name: "P",
    status: "active",
    createdAt: "2026-01-01T00:00:00Z",
    archivedAt: null,
    keyCount: 0,
    serviceAccountCount: null,
    error: null,
  };

  it("sends one create for clicks and Enter presses while it is in flight and delivers one outcome", async () => {
    const creates: unknown[] = [];
    mockIPC(async (cmd, args) => {
      if (cmd !== "create_key") return null;
      creates.push(args);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { outcome: "created", key, masked: "sk-svca…9fQe" } satisfies CreateOutcome;
    });
    const outcomes: CreateOutcome[] = [];
    createKeyDialog("org-1", project, 0, (outcome) => outcomes.push(outcome));
    const name = document.querySelector<HTMLInputElement>("[data-testid=key-name]");
    if (!name) throw new Error("no name field");
    name.value = "ci-deploy";
    const confirm = buttonNamed("create-key-confirm");
    confirm.click();
    confirm.click();
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle(100);
    confirm.click();
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", repeat: true, bubbles: true, cancelable: true }));
    await settle(400);
    expect(creates.length).toBe(1);
    expect(outcomes.length).toBe(1);
    expect(dialogNamed("create-key-dialog")).toBeNull();
  });

  it("keeps the dialog and sends nothing more after a create is refused for bad input", async () => {
    let creates = 0;
    mockIPC((cmd) => {
      if (cmd !== "create_key") return null;
      creates++;
      throw { code: "invalidInput", message: "the key name must not be empty" };
    });
    const outcomes: CreateOutcome[] = [];
    createKeyDialog("org-1", project, 0, (outcome) => outcomes.push(outcome));
    buttonNamed("create-key-confirm").click();
    await settle();
    const name = document.querySelector<HTMLInputElement>("[data-testid=key-name]");
    name?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", repeat: true, bubbles: true, cancelable: true }));
    await settle();
    expect(creates).toBe(1);
    expect(outcomes).toEqual([]);
    expect(dialogNamed("create-key-dialog")?.textContent).toContain("must not be empty");
  });
});
