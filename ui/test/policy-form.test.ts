import { describe, expect, it } from "vitest";
import type { KeyPolicy, PolicyChange } from "../src/types";
import {
  SCOPE_CATALOGUE,
  type FormError,
  type PolicyForm,
  createPolicyForm,
  isKeyPolicy,
  isRefusal,
  splitScopes,
} from "../src/views/policy-form";

/** The element with this data-testid inside `form` (fails the test when missing). */
function part<T extends HTMLElement>(form: PolicyForm<unknown>, testId: string): T {
  const found = form.element.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`no ${testId}`);
  return found;
}

/** Picks a radio button the way a click does: checked, then a bubbling change. */
function pick(input: HTMLInputElement): void {
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

function tick(form: PolicyForm<unknown>, scope: string): void {
  const box = form.element.querySelector<HTMLInputElement>(`[data-testid="policy-scope"][data-scope="${scope}"]`);
  if (!box) throw new Error(`no checkbox for ${scope}`);
  pick(box);
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

const values = (select: HTMLSelectElement): string[] => [...select.options].map((option) => option.value);

describe("the policy form when creating a key", () => {
  it("starts at All and Never, and reads them as the API's defaults", () => {
    const form = createPolicyForm({ mode: "create" });
    expect(part<HTMLInputElement>(form, "policy-permissions-all").checked).toBe(true);
    expect(part<HTMLSelectElement>(form, "policy-expiry").value).toBe("never");
    expect(part(form, "policy-restricted").hidden).toBe(true);
    expect(part(form, "policy-expiry-date").hidden).toBe(true);
    expect(form.read()).toEqual({ permissions: { kind: "all" }, expiry: { kind: "never" } } satisfies KeyPolicy);
    expect(form.element.querySelector("[data-testid=policy-permissions-keep]")).toBeNull();
  });

  it("reads Read only with each number of days", () => {
    const form = createPolicyForm({ mode: "create" });
    pick(part(form, "policy-permissions-read-only"));
    const expiry = part<HTMLSelectElement>(form, "policy-expiry");
    for (const days of [7, 30, 90, 365]) {
      choose(expiry, `days:${days}`);
      expect(form.read()).toEqual({ permissions: { kind: "readOnly" }, expiry: { kind: "days", days } });
    }
    expect(values(expiry)).toEqual(["days:7", "days:30", "days:90", "days:365", "date", "never"]);
  });

  it("reads Restricted as the ticked scopes then the typed ones, without blanks or repeats", () => {
    const form = createPolicyForm({ mode: "create" });
    pick(part(form, "policy-permissions-restricted"));
    expect(part(form, "policy-restricted").hidden).toBe(false);
    tick(form, "api.files.read");
    tick(form, "api.responses.write");
    type(part(form, "policy-other-scopes"), " api.usage.read,, api.files.read\n api.custom.thing ,");
    expect(form.read()).toEqual({
      permissions: { kind: "restricted", scopes: ["api.responses.write", "api.files.read", "api.usage.read", "api.custom.thing"] },
      expiry: { kind: "never" },
    } satisfies KeyPolicy);
  });

  it("refuses Restricted with nothing chosen, before anything is sent", () => {
    const form = createPolicyForm({ mode: "create" });
    pick(part(form, "policy-permissions-restricted"));
    type(part(form, "policy-other-scopes"), " ,  ");
    const read = form.read() as FormError;
    expect(read.error).toMatch(/restricted key needs at least one permission/);
    pick(part(form, "policy-permissions-all"));
    expect(part(form, "policy-restricted").hidden).toBe(true);
    expect(form.read()).toEqual({ permissions: { kind: "all" }, expiry: { kind: "never" } });
  });

  it("reads a picked date, and asks for one when none is picked", () => {
    const form = createPolicyForm({ mode: "create", now: () => new Date(2026, 11, 1, 10).getTime() });
    choose(part(form, "policy-expiry"), "date");
    const date = part<HTMLInputElement>(form, "policy-expiry-date");
    expect(date.hidden).toBe(false);
    expect((form.read() as FormError).error).toMatch(/No expiry date is picked/);
    type(date, "2027-03-12");
    expect(form.read()).toEqual({ permissions: { kind: "all" }, expiry: { kind: "date", date: "2027-03-12" } });
    expect(part(form, "policy-expiry-hint").textContent).toContain("end of 12 Mar 2027");
  });

  it("limits the date from today to the last day within 365 days", () => {
    const form = createPolicyForm({ mode: "create", now: () => new Date(2026, 11, 1, 10).getTime() });
    const date = part<HTMLInputElement>(form, "policy-expiry-date");
    expect(date.type).toBe("date");
    expect(date.min).toBe("2026-12-01");
    // The key expires at the end of the picked day, so the 365th day would be beyond the API's limit.
    expect(date.max).toBe("2027-11-30");
  });

  it("shows a policy it is given, ticking known scopes and typing the others", () => {
    const form = createPolicyForm({ mode: "create" });
    const changes: number[] = [];
    form.onChange(() => changes.push(1));
    form.set({ permissions: { kind: "restricted", scopes: ["api.model.read", "api.usage.read"] }, expiry: { kind: "days", days: 14 } });
    expect(changes.length).toBe(1);
    expect(form.touched()).toBe(false);
    expect(part<HTMLInputElement>(form, "policy-permissions-restricted").checked).toBe(true);
    const ticked = [...form.element.querySelectorAll<HTMLInputElement>("[data-testid=policy-scope]")].filter((box) => box.checked);
    expect(ticked.map((box) => box.dataset.scope)).toEqual(["api.model.read"]);
    expect(part<HTMLInputElement>(form, "policy-other-scopes").value).toBe("api.usage.read");
    expect(part<HTMLSelectElement>(form, "policy-expiry").value).toBe("days:14");
    expect(form.read()).toEqual({
      permissions: { kind: "restricted", scopes: ["api.model.read", "api.usage.read"] },
      expiry: { kind: "days", days: 14 },
    });
    pick(part(form, "policy-permissions-all"));
    expect(form.touched()).toBe(true);
    expect(changes.length).toBeGreaterThan(1);
  });

  it("offers every catalogue scope as a checkbox in a two-column grid", () => {
    const form = createPolicyForm({ mode: "create" });
    const boxes = [...form.element.querySelectorAll<HTMLInputElement>("[data-testid=policy-scope]")];
    const catalogue = SCOPE_CATALOGUE.flatMap((group) => group.scopes.map(({ scope }) => scope));
    expect(boxes.map((box) => box.dataset.scope)).toEqual(catalogue);
    expect(catalogue).toContain("api.chat.completions.write");
    expect(catalogue).toContain("api.vector_stores.write");
    expect(form.element.querySelectorAll(".policy-scopes > .policy-scope-group").length).toBe(SCOPE_CATALOGUE.length);
  });

  it("disables every field when asked", () => {
    const form = createPolicyForm({ mode: "create" });
    form.setDisabled(true);
    const controls = [...form.element.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")];
    expect(controls.length).toBeGreaterThan(20);
    expect(controls.every((control) => control.disabled)).toBe(true);
  });
});

describe("the policy form when editing a key", () => {
  it("starts by keeping both parts and offers no Never", () => {
    const form = createPolicyForm({ mode: "edit" });
    expect(part<HTMLInputElement>(form, "policy-permissions-keep").checked).toBe(true);
    const expiry = part<HTMLSelectElement>(form, "policy-expiry");
    expect(expiry.value).toBe("keep");
    expect(values(expiry)).toEqual(["keep", "days:7", "days:30", "days:90", "days:365", "date"]);
    expect([...expiry.options].map((option) => option.textContent)).not.toContain("Never");
    expect(form.read()).toEqual({ permissions: null, expiry: null } satisfies PolicyChange);
  });

  it("reads each part on its own, keeping the other", () => {
    const form = createPolicyForm({ mode: "edit" });
    pick(part(form, "policy-permissions-read-only"));
    expect(form.read()).toEqual({ permissions: { kind: "readOnly" }, expiry: null });
    pick(part(form, "policy-permissions-keep"));
    choose(part(form, "policy-expiry"), "days:90");
    expect(form.read()).toEqual({ permissions: null, expiry: { kind: "days", days: 90 } });
    choose(part(form, "policy-expiry"), "date");
    type(part(form, "policy-expiry-date"), "2027-01-05");
    pick(part(form, "policy-permissions-all"));
    expect(form.read()).toEqual({ permissions: { kind: "all" }, expiry: { kind: "date", date: "2027-01-05" } });
  });

  it("ticks the key's known scopes when Restricted is chosen", () => {
    const form = createPolicyForm({
      mode: "edit",
      initial: { permissions: { kind: "restricted", scopes: ["api.files.read", "api.odd.scope"] }, expiry: { kind: "never" } },
    });
    expect(form.read()).toEqual({ permissions: null, expiry: null });
    pick(part(form, "policy-permissions-restricted"));
    expect(form.read()).toEqual({ permissions: { kind: "restricted", scopes: ["api.files.read", "api.odd.scope"] }, expiry: null });
  });
});

describe("policy helpers", () => {
  it("splits free-form scopes on commas and whitespace", () => {
    expect(splitScopes("a.b, c.d\te.f\n\n,g")).toEqual(["a.b", "c.d", "e.f", "g"]);
    expect(splitScopes("  ")).toEqual([]);
  });

  it("accepts only well-formed policies from Rust", () => {
    expect(isKeyPolicy({ permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } })).toBe(true);
    expect(isKeyPolicy(null)).toBe(false);
    expect(isKeyPolicy({ permissions: { kind: "restricted" }, expiry: { kind: "never" } })).toBe(false);
    expect(isKeyPolicy({ permissions: { kind: "all" }, expiry: { kind: "days" } })).toBe(false);
  });

  it("treats bad input, unsupported operations and the server's 400 as refusals the dialog shows", () => {
    expect(isRefusal({ code: "invalidInput", message: "an expiry of 0 days is not possible" })).toBe(true);
    expect(isRefusal({ code: "notSupported", message: "not supported by this organization yet" })).toBe(true);
    expect(
      isRefusal({
        code: "refused",
        message: "OpenAI refused it: This organization requires API keys to expire within 30 days.",
      }),
    ).toBe(true);
    expect(isRefusal({ code: "unreachable", message: "failed to create project service account: HTTP 500" })).toBe(false);
    expect(isRefusal({ code: "adminKey", message: "the admin key for Acme is no longer valid" })).toBe(false);
  });
});
