import { afterEach, describe, expect, it, vi } from "vitest";
import { toCommandError } from "../src/api";
import { renderOrgView, type OrgViewEvents } from "../src/views/org-view";
import { MAX_TOASTS, openDialog, toast } from "../src/views/dialog";
import { errorPanel } from "../src/views/status-panel";
import { organization } from "./fixtures";

function events(onPasteKey = (): void => undefined): OrgViewEvents {
  const none = (): void => undefined;
  return {
    onRefresh: none,
    onRename: none,
    onRemove: none,
    onPasteKey,
    onRotate: none,
    onCheckKey: none,
    onFinding: none,
    onThresholds: none,
  };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe("a rejected admin key", () => {
  it("is not called Ready, and the view offers Replace admin key", () => {
    let asked = 0;
    const org = organization("acme", { status: { state: "adminKeyRejected" } });
    const view = renderOrgView(
      { org, status: undefined, health: undefined, activity: [], hygiene: undefined, projectName: () => undefined },
      events(() => asked++),
    );
    document.body.append(view);
    expect(view.querySelector(".status")?.textContent).not.toContain("Ready");
    expect(view.querySelector("[data-testid=key-rejected]")?.textContent).toContain("no longer accepts");
    view.querySelector<HTMLButtonElement>("[data-testid=replace-admin-key]")?.click();
    expect(asked).toBe(1);
  });
});

describe("an error", () => {
  it("keeps the particulars Rust sent when it crosses into the page", () => {
    const raw = { code: "unreachable", message: "try again", details: "failed to list projects: HTTP 500" };
    expect(toCommandError(raw)).toEqual(raw);
    expect(toCommandError({ code: "unreachable", message: "try again" })).toEqual({ code: "unreachable", message: "try again" });
  });

  it("leads with its message and keeps the particulars behind a closed Details disclosure", () => {
    const details = "failed to list projects: HTTP 500: boom [code server_error] (request id req_1)";
    const panel = errorPanel({ code: "unreachable", message: "OpenAI's server failed (HTTP 500); try again", details });
    const disclosure = panel.querySelector<HTMLDetailsElement>("details[data-testid=error-details]");
    expect(panel.querySelector(".error-message")?.textContent).toBe("OpenAI's server failed (HTTP 500); try again");
    expect(disclosure?.open).toBe(false);
    expect(disclosure?.querySelector("pre")?.textContent).toBe(details);
  });

  it("toasts never show more than a few at once, nor the same message twice", () => {
    vi.useFakeTimers();
    for (let i = 0; i < 6; i++) toast(`failure ${i}`, "error", "details");
    toast("failure 5", "error");
    const shown = [...document.querySelectorAll(".toast .toast-message")].map((t) => t.textContent);
    expect(shown).toEqual(["failure 3", "failure 4", "failure 5"]);
    expect(shown.length).toBeLessThanOrEqual(MAX_TOASTS);
  });

  it("toasts go inside an open dialog, below its content, and back to the window when it closes", () => {
    vi.useFakeTimers();
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute("open");
      this.dispatchEvent(new Event("close"));
    };
    const handle = openDialog({ title: "Add", body: [], actions: [] });
    toast("Acme: could not refresh", "error");
    const region = document.getElementById("toasts");
    expect(region?.parentElement).toBe(handle.element);
    handle.close();
    expect(document.getElementById("toasts")?.parentElement).toBe(document.body);
    expect(document.querySelectorAll(".toast")).toHaveLength(1);
  });
});

describe("a toast about one organization", () => {
  it("names the organization once: a message that already names it is not prefixed again", async () => {
    const { aboutOrganization } = await import("../src/org-actions");
    expect(aboutOrganization("Acme", "the admin key for Acme is no longer valid")).toBe(
      "The admin key for Acme is no longer valid",
    );
    expect(aboutOrganization("Acme", "refresh cancelled")).toBe("Acme: refresh cancelled");
  });
});
