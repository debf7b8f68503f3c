// The create dialog's permissions and expiry.
import { describe, expect, it } from "vitest";
import type { CreateOutcome, CreatedKey, KeyPolicy, ProjectRow } from "../src/types";
import { NAME_HINTS, createKeyDialog } from "../src/views/key-dialogs";
import { buttonNamed, dialogNamed, setUpDialogTests, settle } from "./dialog-support";
import { POLICY_REFUSAL, choose, dialogError, find, named, pick, rust, toastTexts, type } from "./policy-support";

setUpDialogTests();

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
