import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { CommandError, Stored, VaultSetup } from "../src/types";
import { vaultForm } from "../src/views/vault-form";
import { setUpDialogTests, settle } from "./dialog-support";

setUpDialogTests();

const offer = (kind: VaultSetup["offers"][number]["kind"], available: boolean, extra = {}) => ({
  kind,
  label: { pass: "pass", keepassXc: "KeePassXC", secretService: "Secret Service", onePassword: "1Password", bitwarden: "Bitwarden", osKeychain: "OS keychain" }[kind],
  available,
  unavailableReason: available ? null : `${kind} is not installed`,
  needsDatabase: kind === "keepassXc",
  needsPassword: kind === "keepassXc",
  acceptsSession: kind === "bitwarden",
  ...extra,
});

const setup: VaultSetup = {
  offers: [offer("pass", true), offer("keepassXc", true), offer("secretService", true), offer("onePassword", false), offer("bitwarden", false), offer("osKeychain", false)],
  choice: { kind: "keepassXc", database: "/home/me/Passwords.kdbx", container: null },
  entry: "OpenAI/Acme/Billing/ci-deploy",
};

/** A Rust stand-in answering the form's commands; `send` decides the send's outcome. */
function rust(send: (args: Record<string, unknown>) => Stored | CommandError, answer: VaultSetup = setup) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    if (cmd === "vault_setup") return answer;
    if (cmd === "send_new_key_to_vault") {
      const outcome = send(payload);
      if ("code" in outcome) throw outcome;
      return outcome;
    }
    throw { code: "internal", message: `unexpected ${cmd}` };
  });
  return calls;
}

async function mounted(host = { errors: [] as (CommandError | string | null)[], stored: [] as Stored[] }) {
  const form = vaultForm("org_1", "reveal-1", {
    showError: (error) => host.errors.push(error),
    onStored: (stored) => host.stored.push(stored),
  });
  document.body.append(form);
  await settle();
  const q = <T extends HTMLElement>(id: string) => form.querySelector<T>(`[data-testid='${id}']`)!;
  return { form, host, q };
}

describe("send to vault", () => {
  it("offers the vaults found here, starts on the organization's last choice and suggests the entry", async () => {
    rust(() => ({ kind: "pass", vault: "pass", location: "x" }));
    const { q } = await mounted();
    const kind = q<HTMLSelectElement>("vault-kind");
    expect(kind.value).toBe("keepassXc");
    const disabled = [...kind.options].filter((o) => o.disabled).map((o) => o.textContent);
    expect(disabled).toEqual(["1Password (not available)", "Bitwarden (not available)", "OS keychain (not available)"]);
    expect(q<HTMLInputElement>("vault-entry").value).toBe("OpenAI/Acme/Billing/ci-deploy");
    expect(q<HTMLInputElement>("vault-database").value).toBe("/home/me/Passwords.kdbx");
    expect(q("vault-password").closest("label")!.hidden).toBe(false);
    kind.value = "pass";
    kind.dispatchEvent(new Event("change"));
    expect(q("vault-database").closest("label")!.hidden).toBe(true);
    expect(q("vault-password").closest("label")!.hidden).toBe(true);
  });

  it("sends what the user chose, empties the password at once and says where the key went", async () => {
    const calls = rust(() => ({ kind: "keepassXc", vault: "KeePassXC", location: "Passwords.kdbx › OpenAI/x" }));
    const { q, host } = await mounted();
    q<HTMLInputElement>("vault-password").value = "hunter2";
    q<HTMLInputElement>("vault-entry").value = "OpenAI/x";
    q<HTMLButtonElement>("vault-send").click();
    expect(q<HTMLInputElement>("vault-password").value).toBe("");
    await settle();

    const [, args] = calls.find(([cmd]) => cmd === "send_new_key_to_vault")!;
    expect(args).toEqual({
      orgId: "org_1",
      revealId: "reveal-1",
      request: { kind: "keepassXc", entry: "OpenAI/x", database: "/home/me/Passwords.kdbx", container: null },
      unlock: { password: "hunter2", session: null },
    });
    expect(q("vault-result").textContent).toBe("Stored in KeePassXC: Passwords.kdbx › OpenAI/x");
    expect(host.stored).toHaveLength(1);
  });

  it("shows a refusal in the dialog, keeps nothing typed and lets the user try again", async () => {
    rust(() => ({ code: "vault", message: "the password for Passwords.kdbx was refused; type it again" }));
    const { q, host } = await mounted();
    q<HTMLInputElement>("vault-password").value = "wrong";
    q<HTMLButtonElement>("vault-send").click();
    await settle();

    expect(host.errors.at(-1)).toMatchObject({ code: "vault", message: expect.stringContaining("was refused") });
    expect(q("vault-result").textContent).toBe("");
    expect(q<HTMLInputElement>("vault-password").value).toBe("");
    expect(q<HTMLButtonElement>("vault-send").disabled).toBe(false);
    expect(host.stored).toHaveLength(0);
  });

  it("says so when no vault can be used here, and cannot send", async () => {
    const none: VaultSetup = { offers: setup.offers.map((o) => ({ ...o, available: false, unavailableReason: `${o.kind} is not installed` })), choice: null, entry: "OpenAI/k" };
    rust(() => ({ kind: "pass", vault: "pass", location: "x" }), none);
    const { q } = await mounted();
    expect(q("vault-unavailable").textContent).toContain("No password manager Keywarden can use was found");
    expect(q("vault-unavailable").textContent).toContain("Copy the key instead");
    expect(q<HTMLButtonElement>("vault-send").disabled).toBe(true);
  });
});
