import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import { expiryText } from "../src/formats";
import type { CreateOutcome, CreatedKey, KeyPolicy, KeyRow, PolicyUpdated, ProjectRow } from "../src/types";
import { NAME_HINTS, createKeyDialog } from "../src/views/key-dialogs";
import { POLICY_NOTES, editPolicyDialog } from "../src/views/policy-dialog";
import { buttonNamed, dialogNamed, setUpDialogTests, settle } from "./dialog-support";
import { keyRow } from "./fixtures";

setUpDialogTests();

type Call = [string, Record<string, unknown>];

/** A Rust stand-in: answers each command with `answers[cmd]` (a value, or a function of the
 * arguments that may throw a CommandError) and records every call. */
function rust(answers: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    const answer = answers[cmd];
    return typeof answer === "function" ? (answer as (a: Record<string, unknown>) => unknown)(payload) : (answer ?? null);
  });
  return calls;
}

const named = (calls: Call[], cmd: string): Record<string, unknown>[] => calls.filter(([c]) => c === cmd).map(([, args]) => args);

function find<T extends HTMLElement>(testId: string): T {
  const found = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`no ${testId}`);
  return found;
}

function pick(input: HTMLInputElement): void {
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

const dialogError = (testId: string): string | null | undefined => {
  const error = dialogNamed(testId)?.querySelector<HTMLElement>(".dialog-error");
  return error && !error.hidden ? error.textContent : null;
};

const toastTexts = (kind: string): string[] =>
  [...document.querySelectorAll(`#toasts .toast-${kind}`)].map((toast) => toast.textContent ?? "");

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

const created: CreatedKey = {
  revealId: "5d0f2b1c-0000-4000-8000-000000000003",
  keyId: "key_new",
  name: "ci-deploy",
  redactedValue: "sk-svca…9fQe",
  createdAt: "2026-01-01T00:00:00Z",
  serviceAccountId: "svc_acct_new",
  projectId: "proj_1",
};
const success: CreateOutcome = { outcome: "created", key: created, masked: "sk-svca…9fQe" };

const POLICY_REFUSAL = {
  code: "refused",
  message:
    "OpenAI refused it: This organization requires API keys to expire within 30 days. Choose an expiry of 30 days or less.",
};

/** Opens the create dialog with a name typed in; returns the outcomes it delivers. */
async function openCreate(options: { accounts?: number; orgLabel?: string } = {}): Promise<CreateOutcome[]> {
  const outcomes: CreateOutcome[] = [];
  createKeyDialog("org-1", project, options.accounts ?? 0, (outcome) => outcomes.push(outcome), options.orgLabel);
  await settle();
  type(find("key-name"), "ci-deploy");
  return outcomes;
}

describe("the create dialog's permissions and expiry", () => {
  it("starts from the organization's default and sends the policy with the create", async () => {
    const calls = rust({
      key_policy_default: { permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } } satisfies KeyPolicy,
      create_key: success,
    });
    const outcomes = await openCreate();
    expect(named(calls, "key_policy_default")).toEqual([{ orgId: "org-1" }]);
    expect(find<HTMLInputElement>("policy-permissions-read-only").checked).toBe(true);
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("days:30");
    buttonNamed("create-key-confirm").click();
    await settle();
    const [sent] = named(calls, "create_key");
    expect(sent).toMatchObject({
      orgId: "org-1",
      projectId: "proj_1",
      name: "ci-deploy",
      policy: { permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } },
    });
    expect(typeof sent?.requestId).toBe("string");
    expect(outcomes).toEqual([success]);
    expect(named(calls, "set_key_policy_default")).toEqual([]);
  });

  it("shows All and Never while the default loads, and keeps the person's choice when it arrives late", async () => {
    let answer: (policy: KeyPolicy) => void = () => undefined;
    rust({ key_policy_default: () => new Promise<KeyPolicy>((resolve) => (answer = resolve)) });
    createKeyDialog("org-1", project, 0, () => undefined);
    await settle();
    expect(find<HTMLInputElement>("policy-permissions-all").checked).toBe(true);
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("never");
    choose(find("policy-expiry"), "days:7");
    answer({ permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 90 } });
    await settle();
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("days:7");
    expect(find<HTMLInputElement>("policy-permissions-all").checked).toBe(true);
  });

  it("keeps All and Never when the default cannot be loaded", async () => {
    rust({
      key_policy_default: () => {
        throw { code: "internal", message: "settings unreadable" };
      },
    });
    createKeyDialog("org-1", project, 0, () => undefined);
    await settle();
    expect(find<HTMLInputElement>("policy-permissions-all").checked).toBe(true);
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("never");
    expect(dialogError("create-key-dialog")).toBeNull();
    expect(toastTexts("error")).toEqual([]);
  });

  it("sends a restricted policy with a key added to an existing service account, and says what the name names", async () => {
    const calls = rust({
      list_service_accounts: [{ id: "svc_1", name: "deploy-bot", role: "member", createdAt: null }],
      add_key_to_service_account: success,
    });
    await openCreate({ accounts: 1 });
    expect(find("key-name-hint").textContent).toBe(NAME_HINTS.newAccount);
    expect(NAME_HINTS.newAccount).toBe(
      "Names the new service account. Its key is listed under this name (the OpenAI dashboard calls it “Secret Key”).",
    );
    choose(find("key-target"), "svc_1");
    expect(find("key-name-hint").textContent).toBe("Names the new key.");
    pick(find("policy-permissions-restricted"));
    pick(document.querySelector<HTMLInputElement>('[data-testid=policy-scope][data-scope="api.files.write"]') as HTMLInputElement);
    type(find("policy-other-scopes"), "api.usage.read");
    choose(find("policy-expiry"), "days:90");
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(named(calls, "add_key_to_service_account")).toEqual([
      expect.objectContaining({
        serviceAccountId: "svc_1",
        name: "ci-deploy",
        policy: { permissions: { kind: "restricted", scopes: ["api.files.write", "api.usage.read"] }, expiry: { kind: "days", days: 90 } },
      }),
    ]);
    expect(named(calls, "create_key")).toEqual([]);
  });

  it("refuses a restricted key with nothing chosen without sending anything", async () => {
    const calls = rust({ create_key: success });
    const outcomes = await openCreate();
    pick(find("policy-permissions-restricted"));
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(named(calls, "create_key")).toEqual([]);
    expect(dialogError("create-key-dialog")).toMatch(/at least one permission/);
    expect(outcomes).toEqual([]);
  });

  it("saves the default only when the box is ticked and the create went through", async () => {
    const policy: KeyPolicy = { permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } };
    let refuse = true;
    const calls = rust({
      create_key: () => {
        if (refuse) throw POLICY_REFUSAL;
        return success;
      },
      set_key_policy_default: (args: Record<string, unknown>) => args.policy,
    });
    const outcomes = await openCreate({ orgLabel: "Acme" });
    expect(find("policy-save-default").parentElement?.textContent).toBe("Make this the default for Acme");
    pick(find("policy-permissions-read-only"));
    choose(find("policy-expiry"), "days:30");
    pick(find("policy-save-default"));
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(named(calls, "create_key").length).toBe(1);
    expect(named(calls, "set_key_policy_default")).toEqual([]);
    refuse = false;
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(outcomes).toEqual([success]);
    expect(named(calls, "set_key_policy_default")).toEqual([{ orgId: "org-1", policy }]);
  });

  it("does not save the default when the box is left unticked", async () => {
    const calls = rust({ create_key: success });
    const outcomes = await openCreate();
    expect(find("policy-save-default").parentElement?.textContent).toBe("Make this the default for this organization");
    choose(find("policy-expiry"), "days:7");
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(outcomes).toEqual([success]);
    expect(named(calls, "set_key_policy_default")).toEqual([]);
  });

  it("cannot make a date the default, and says why", async () => {
    const calls = rust({ create_key: success });
    await openCreate();
    const box = find<HTMLInputElement>("policy-save-default");
    pick(box);
    choose(find("policy-expiry"), "date");
    type(find("policy-expiry-date"), "2026-02-01");
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(box.title).toMatch(/A date cannot be a default/);
    choose(find("policy-expiry"), "days:30");
    expect(box.disabled).toBe(false);
    choose(find("policy-expiry"), "date");
    expect(box.disabled).toBe(true);
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(named(calls, "create_key")[0]?.policy).toEqual({ permissions: { kind: "all" }, expiry: { kind: "date", date: "2026-02-01" } });
    expect(named(calls, "set_key_policy_default")).toEqual([]);
  });

  it("keeps everything filled in and shows the server's message when a policy refuses the create, then sends a new request", async () => {
    let refuse = true;
    const calls = rust({
      create_key: () => {
        if (refuse) throw POLICY_REFUSAL;
        return success;
      },
    });
    const outcomes = await openCreate();
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(dialogNamed("create-key-dialog")).not.toBeNull();
    expect(dialogError("create-key-dialog")).toContain("This organization requires API keys to expire within 30 days");
    expect(find<HTMLInputElement>("key-name").value).toBe("ci-deploy");
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("never");
    expect(toastTexts("error")).toEqual([]);
    expect(outcomes).toEqual([]);

    choose(find("policy-expiry"), "days:30");
    expect(dialogError("create-key-dialog")).toContain("expire within 30 days");
    refuse = false;
    buttonNamed("create-key-confirm").click();
    await settle();
    const [first, second] = named(calls, "create_key");
    expect(second?.policy).toEqual({ permissions: { kind: "all" }, expiry: { kind: "days", days: 30 } });
    expect(second?.requestId).not.toBe(first?.requestId);
    expect(outcomes).toEqual([success]);
    expect(dialogNamed("create-key-dialog")).toBeNull();
  });

  it("keeps the dialog for an organization that cannot add keys to an existing account", async () => {
    rust({
      list_service_accounts: [{ id: "svc_1", name: "deploy-bot", role: null, createdAt: null }],
      add_key_to_service_account: () => {
        throw { code: "notSupported", message: "adding a key to an existing service account is not supported by this organization yet" };
      },
    });
    await openCreate({ accounts: 1 });
    choose(find("key-target"), "svc_1");
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(dialogError("create-key-dialog")).toMatch(/not supported/);
    expect(find<HTMLSelectElement>("key-target").value).toBe("svc_1");
  });

  it("still closes and tells in a toast when the create failed for another reason", async () => {
    rust({
      create_key: () => {
        throw { code: "unreachable", message: "Keywarden could not tell whether the key “ci-deploy” was created (HTTP 502)" };
      },
    });
    const outcomes = await openCreate();
    buttonNamed("create-key-confirm").click();
    await settle();
    expect(dialogNamed("create-key-dialog")).toBeNull();
    expect(toastTexts("error")).toEqual(["Keywarden could not tell whether the key “ci-deploy” was created (HTTP 502)"]);
    expect(outcomes).toEqual([]);
  });
});

const NOW = new Date("2026-11-30T12:00:00Z");

function key(overrides: Partial<KeyRow>): KeyRow {
  return { ...keyRow(1), name: "ci-deploy", expiresAt: null, permissions: null, ...overrides };
}

function openEdit(row: KeyRow): PolicyUpdated[] {
  vi.setSystemTime(NOW);
  const updates: PolicyUpdated[] = [];
  editPolicyDialog("org-1", row, (updated) => updates.push(updated));
  return updates;
}

const preview = (): string => find("policy-preview").textContent ?? "";

describe("the permissions-and-expiry dialog", () => {
  it("shows the key's expiry and what is known of its permissions", () => {
    openEdit(
      key({
        expiresAt: "2027-01-12T12:00:00Z",
        permissions: { scopes: ["api.all.read"], setAt: "2026-11-27T12:00:00Z", source: "keywarden" },
      }),
    );
    expect(dialogNamed("policy-dialog")?.querySelector(".dialog-title")?.textContent).toBe("Permissions and expiry of “ci-deploy”");
    expect(find("policy-current-expiry").textContent).toBe(`12 Jan 2027 (${expiryText("2027-01-12T12:00:00Z", NOW)})`);
    expect(find("policy-current-expiry").textContent).toMatch(/^12 Jan 2027 \(in /);
    expect(find("policy-current-permissions").textContent).toBe("Read only — set 3 days ago by Keywarden");
    expect([...find("policy-notes").querySelectorAll("li")].map((li) => li.textContent)).toEqual([...POLICY_NOTES]);
  });

  it("says when the permissions are unknown or came from the audit log", () => {
    openEdit(key({}));
    expect(find("policy-current-expiry").textContent).toBe("Never");
    expect(find("policy-current-permissions").textContent).toBe("Unknown — set outside Keywarden");
    document.body.replaceChildren();
    openEdit(key({ permissions: { scopes: [], setAt: "2026-11-28T12:00:00Z", source: "auditLog" } }));
    expect(find("policy-current-permissions").textContent).toBe("All permissions — found in the audit log (set 2 days ago)");
  });

  it("keeps Save disabled while nothing changes", () => {
    openEdit(key({}));
    const save = buttonNamed("policy-save");
    expect(save.disabled).toBe(true);
    expect(preview()).toBe("Nothing changes yet: choose new permissions, a new expiry, or both.");
    choose(find("policy-expiry"), "days:30");
    expect(save.disabled).toBe(false);
    choose(find("policy-expiry"), "keep");
    expect(save.disabled).toBe(true);
    pick(find("policy-permissions-all"));
    expect(save.disabled).toBe(false);
  });

  it("previews a new expiry against the current one", () => {
    openEdit(key({ expiresAt: "2027-01-12T12:00:00Z" }));
    choose(find("policy-expiry"), "days:30");
    expect(preview()).toBe("Expires in 30 days (30 Dec 2026) instead of 12 Jan 2027.");
    document.body.replaceChildren();
    openEdit(key({}));
    choose(find("policy-expiry"), "date");
    type(find("policy-expiry-date"), "2027-03-12");
    expect(preview()).toBe("Expires 12 Mar 2027 instead of never.");
  });

  it("previews new permissions against the known or unknown ones", () => {
    openEdit(key({}));
    pick(find("policy-permissions-read-only"));
    expect(preview()).toBe("Becomes read only (what it may do now is unknown).");
    document.body.replaceChildren();
    openEdit(key({ permissions: { scopes: [], setAt: "2026-11-27T12:00:00Z", source: "keywarden" } }));
    pick(find("policy-permissions-read-only"));
    expect(preview()).toBe("Becomes read only instead of all permissions.");
    pick(find("policy-permissions-restricted"));
    type(find("policy-other-scopes"), "api.files.read api.files.write");
    choose(find("policy-expiry"), "days:7");
    expect(preview()).toBe(
      "Expires in 7 days (7 Dec 2026) instead of never. Becomes restricted to api.files.read, api.files.write instead of all permissions.",
    );
    type(find("policy-other-scopes"), "");
    expect(preview()).toMatch(/at least one permission/);
  });

  it("saves the change, closes, tells what changed and hands over the result", async () => {
    const updated: PolicyUpdated = { keyId: "key_1", expiresAt: "2026-12-30T12:00:00Z", scopes: ["api.all.read"] };
    const calls = rust({ update_key_policy: updated });
    const updates = openEdit(key({ expiresAt: "2027-01-12T12:00:00Z" }));
    pick(find("policy-permissions-read-only"));
    choose(find("policy-expiry"), "days:30");
    buttonNamed("policy-save").click();
    await settle();
    expect(named(calls, "update_key_policy")).toEqual([
      {
        orgId: "org-1",
        projectId: "proj_1",
        keyId: "key_1",
        change: { permissions: { kind: "readOnly" }, expiry: { kind: "days", days: 30 } },
      },
    ]);
    expect(dialogNamed("policy-dialog")).toBeNull();
    expect(toastTexts("success")).toEqual(["Updated “ci-deploy”: expires 30 Dec 2026; read only."]);
    expect(updates).toEqual([updated]);
  });

  it("keeps the fields and shows the server's message when a policy refuses the new expiry", async () => {
    const calls = rust({
      update_key_policy: () => {
        throw {
          code: "refused",
          message: "OpenAI refused it: This project requires API keys to expire within 7 days.",
        };
      },
    });
    const updates = openEdit(key({}));
    choose(find("policy-expiry"), "days:90");
    buttonNamed("policy-save").click();
    await settle();
    expect(named(calls, "update_key_policy").length).toBe(1);
    expect(dialogNamed("policy-dialog")).not.toBeNull();
    expect(dialogError("policy-dialog")).toContain("This project requires API keys to expire within 7 days.");
    expect(find<HTMLSelectElement>("policy-expiry").value).toBe("days:90");
    expect(buttonNamed("policy-save").disabled).toBe(false);
    choose(find("policy-expiry"), "days:7");
    expect(dialogError("policy-dialog")).toContain("within 7 days");
    expect(updates).toEqual([]);
  });

  it("shows Rust's invalid-input message in the dialog", async () => {
    rust({
      update_key_policy: () => {
        throw { code: "invalidInput", message: "2030-01-01 is more than 365 days away; the latest possible expiry is 2027-11-30" };
      },
    });
    openEdit(key({}));
    choose(find("policy-expiry"), "date");
    type(find("policy-expiry-date"), "2030-01-01");
    buttonNamed("policy-save").click();
    await settle();
    expect(dialogError("policy-dialog")).toMatch(/more than 365 days away/);
    expect(find<HTMLInputElement>("policy-expiry-date").value).toBe("2030-01-01");
  });

  it("closes and tells in a toast when the key is gone", async () => {
    const message = "key key_1 no longer exists in this project (it was probably revoked elsewhere); the list now shows the project's current keys";
    rust({
      update_key_policy: () => {
        throw { code: "notFound", message };
      },
    });
    const updates = openEdit(key({}));
    pick(find("policy-permissions-all"));
    buttonNamed("policy-save").click();
    await settle();
    expect(dialogNamed("policy-dialog")).toBeNull();
    expect(toastTexts("error")).toEqual([message]);
    expect(updates).toEqual([]);
  });

  it("opens an expired key read-only and says why", async () => {
    const calls = rust({ update_key_policy: { keyId: "key_1", expiresAt: null, scopes: [] } });
    openEdit(key({ expiresAt: "2026-11-27T12:00:00Z" }));
    expect(find("policy-expired").textContent).toBe(
      "This key expired 3 days ago; the API cannot change an expired key. Revoke it, or mint a new one.",
    );
    const controls = [...find("policy-form").querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")];
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every((control) => control.disabled)).toBe(true);
    const save = buttonNamed("policy-save");
    expect(save.disabled).toBe(true);
    save.click();
    await settle();
    expect(calls).toEqual([]);
    expect(dialogNamed("policy-dialog")).not.toBeNull();
  });
});
