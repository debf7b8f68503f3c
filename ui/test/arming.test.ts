import { describe, expect, it } from "vitest";
import { ARMING_DELAY_MS, confirmDialog, openDialog } from "../src/views/dialog";
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

/** Opens a confirmation and records its answer. */
function ask(): { answer: boolean | null } {
  const state: { answer: boolean | null } = { answer: null };
  void confirmDialog({ title: "Remove Acme?", message: "Gone for good.", confirmLabel: "Remove", danger: true }).then(
    (answer) => {
      state.answer = answer;
    },
  );
  return state;
}

describe("arming of irreversible actions", () => {
  it("waits at least 700 ms after the dialog opens before a press counts", async () => {
    expect(ARMING_DELAY_MS).toBeGreaterThanOrEqual(700);
    const state = ask();
    const accept = buttonNamed("confirm-accept");
    pressWithPointer(accept);
    await settle(ARMING_DELAY_MS - 1);
    pressWithPointer(accept);
    await settle();
    expect(state.answer).toBeNull();
    expect(dialogNamed("confirm-dialog")).not.toBeNull();

    await settle(1);
    pressWithPointer(accept);
    await settle();
    expect(state.answer).toBe(true);
    expect(dialogNamed("confirm-dialog")).toBeNull();
  });

  it("shows the action disabled and tells screen readers why until it arms", async () => {
    ask();
    const accept = buttonNamed("confirm-accept");
    expect(accept.getAttribute("aria-disabled")).toBe("true");
    const reason = document.getElementById(accept.getAttribute("aria-describedby") ?? "");
    expect(reason?.getAttribute("aria-live")).toBe("polite");
    expect(reason?.textContent).toMatch(/stray click or key press/);
    expect(dialogNamed("confirm-dialog")?.dataset.armed).toBe("false");

    await settle(ARMING_DELAY_MS);
    expect(accept.hasAttribute("aria-disabled")).toBe(false);
    expect(reason?.textContent).toBe("");
    expect(dialogNamed("confirm-dialog")?.dataset.armed).toBe("true");
  });

  it("ignores a click whose pointer went down before the dialog or somewhere else", async () => {
    document.body.dispatchEvent(new MouseEvent("pointerdown", { bubbles: true }));
    const state = ask();
    const accept = buttonNamed("confirm-accept");
    await settle(ARMING_DELAY_MS);
    releaseOnly(accept);
    await settle();
    expect(state.answer).toBeNull();

    accept.dispatchEvent(new MouseEvent("pointerdown", { bubbles: true }));
    dialogNamed("confirm-dialog")?.querySelector("p")?.dispatchEvent(new MouseEvent("pointerdown", { bubbles: true }));
    releaseOnly(accept);
    await settle();
    expect(state.answer).toBeNull();

    pressWithPointer(accept);
    await settle();
    expect(state.answer).toBe(true);
  });

  it("ignores a press that began while arming and was released after, and keeps focus off it", async () => {
    const state = ask();
    const accept = buttonNamed("confirm-accept");
    await settle(ARMING_DELAY_MS - 100);
    const down = new MouseEvent("mousedown", { bubbles: true, cancelable: true });
    accept.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    await settle(200);
    releaseOnly(accept);
    await settle();
    expect(state.answer).toBeNull();
  });

  it("ignores a held (repeating) Enter key and takes a fresh one", async () => {
    let runs = 0;
    openDialog({
      title: "Rotate",
      body: [],
      actions: [
        { label: "Cancel", run: () => undefined },
        { label: "Rotate", testId: "rotate", irreversible: true, run: () => void runs++ },
      ],
    });
    const rotate = buttonNamed("rotate");
    rotate.focus();
    expect(pressEnter(rotate).defaultPrevented).toBe(true);
    await settle(ARMING_DELAY_MS + 50);
    for (let i = 0; i < 5; i++) expect(pressEnter(rotate, true).defaultPrevented).toBe(true);
    await settle();
    expect(runs).toBe(0);

    expect(pressEnter(rotate).defaultPrevented).toBe(false);
    await settle();
    expect(runs).toBe(1);
  });

  it("arms even when the window loses focus while it waits", async () => {
    const state = ask();
    window.dispatchEvent(new Event("blur"));
    await settle(ARMING_DELAY_MS * 3);
    window.dispatchEvent(new Event("focus"));
    const accept = buttonNamed("confirm-accept");
    expect(accept.hasAttribute("aria-disabled")).toBe(false);
    pressWithPointer(accept);
    await settle();
    expect(state.answer).toBe(true);
  });

  it("focuses the safe answer, never the armed one", () => {
    ask();
    expect(document.activeElement).toBe(buttonNamed("confirm-cancel"));
  });

  it("runs an action once while it is still working, however often it is pressed", async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    openDialog({
      title: "Acknowledge",
      body: [],
      actions: [
        {
          label: "I've stored it",
          testId: "slow",
          irreversible: true,
          run: () => {
            runs++;
            return new Promise<boolean>((resolve) => {
              finish = () => resolve(false);
            });
          },
        },
      ],
    });
    await settle(ARMING_DELAY_MS);
    pressWithPointer(buttonNamed("slow"));
    pressWithPointer(buttonNamed("slow"));
    pressEnter(buttonNamed("slow"));
    await settle();
    expect(runs).toBe(1);
    finish();
    await settle();
    pressWithPointer(buttonNamed("slow"));
    await settle();
    expect(runs).toBe(2);
  });

  it("leaves actions that can be undone alone", async () => {
    let runs = 0;
    openDialog({ title: "Rename", body: [], actions: [{ label: "Rename", testId: "rename", run: () => void runs++ }] });
    buttonNamed("rename").click();
    await settle();
    expect(runs).toBe(1);
  });
});
