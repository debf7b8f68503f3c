// Send to vault: the reveal dialog's way to hand a new key straight to the user's password
// manager, so it never touches the clipboard. Rust finds the vaults, sends the key and reports
// where it went; this form only says where. A vault password or session typed here goes to Rust
// with the one send and the field is emptied right after, whatever the outcome.

import * as api from "../api";
import { el, replaceChildren } from "../dom";
import type { CommandError, Stored, VaultKind, VaultOffer, VaultSetup } from "../types";

/** What the form needs from the dialog it sits in. */
export interface VaultFormHost {
  showError: (error: CommandError | string | null) => void;
  onStored: (stored: Stored) => void;
}

/** Labels of the per-vault "container" field: the Secret Service collection or 1Password vault. */
const CONTAINER_LABELS: Partial<Record<VaultKind, { label: string; placeholder: string }>> = {
  secretService: { label: "Collection", placeholder: "blank: your default keyring" },
  onePassword: { label: "1Password vault", placeholder: "blank: your default vault" },
};

/** The *Send to vault* section: loads the offers, then shows the form. */
export function vaultForm(orgId: string, revealId: string, host: VaultFormHost): HTMLElement {
  const section = el("section", { className: "vault-form", attrs: { "data-testid": "vault-form" } }, [
    el("p", { className: "field-hint", text: "Looking for password managers on this computer…" }),
  ]);
  api.vaultSetup(orgId, revealId).then(
    (setup) => replaceChildren(section, ...formParts(orgId, revealId, setup, host)),
    (error: CommandError) => host.showError(error),
  );
  return section;
}

function field(label: string, input: HTMLElement, hint?: HTMLElement): HTMLLabelElement {
  return el("label", { className: "field" }, [el("span", { className: "field-label", text: label }), input, hint ?? null]);
}

function textInput(testId: string, type = "text", placeholder = ""): HTMLInputElement {
  return el("input", {
    className: "input",
    attrs: { type, placeholder, autocomplete: "off", spellcheck: "false", "data-testid": testId },
  });
}

function formParts(orgId: string, revealId: string, setup: VaultSetup, host: VaultFormHost): HTMLElement[] {
  const offers = new Map<VaultKind, VaultOffer>(setup.offers.map((offer) => [offer.kind, offer]));
  const usable = setup.offers.filter((offer) => offer.available);
  const kind = el("select", { className: "input", attrs: { "data-testid": "vault-kind" } });
  for (const offer of setup.offers) {
    const option = el("option", {
      text: offer.available ? offer.label : `${offer.label} (not available)`,
      attrs: { value: offer.kind },
    });
    option.disabled = !offer.available;
    kind.append(option);
  }
  const remembered = setup.choice && offers.get(setup.choice.kind)?.available ? setup.choice.kind : usable[0]?.kind;
  if (remembered) kind.value = remembered;

  const entry = textInput("vault-entry");
  entry.value = setup.entry;
  const database = textInput("vault-database", "text", "/home/you/Passwords.kdbx");
  database.value = setup.choice?.database ?? "";
  const choose = el("button", {
    className: "button plain",
    text: "Choose…",
    attrs: { type: "button", "data-testid": "vault-database-choose" },
  });
  choose.addEventListener("click", async () => {
    const picked = await api.chooseVaultDatabase().catch(() => null);
    if (picked) database.value = picked;
  });
  const password = textInput("vault-password", "password");
  const session = textInput("vault-session", "password", "optional: the output of bw unlock --raw");
  const container = textInput("vault-container");
  container.value = setup.choice?.container ?? "";
  const containerField = field("Collection", container);
  const databaseField = field("KeePassXC database", el("div", { className: "vault-database" }, [database, choose]));
  const passwordField = field("Database password", password);
  const sessionField = field("Bitwarden session", session);
  const unavailable = el("p", { className: "field-hint", attrs: { "data-testid": "vault-unavailable" } });
  const result = el("p", { className: "vault-result", attrs: { "data-testid": "vault-result", "aria-live": "polite" } });
  const send = el("button", {
    className: "button primary",
    text: "Send to vault",
    attrs: { type: "button", "data-testid": "vault-send" },
  });

  const show = (): void => {
    const offer = offers.get(kind.value as VaultKind);
    databaseField.hidden = !offer?.needsDatabase;
    passwordField.hidden = !offer?.needsPassword;
    sessionField.hidden = !offer?.acceptsSession;
    const containerLabel = offer ? CONTAINER_LABELS[offer.kind] : undefined;
    containerField.hidden = !containerLabel;
    if (containerLabel) {
      (containerField.firstChild as HTMLElement).textContent = containerLabel.label;
      container.placeholder = containerLabel.placeholder;
    }
    unavailable.textContent = usable.length === 0 ? noVaultText(setup.offers) : "";
    send.disabled = !offer?.available;
  };
  kind.addEventListener("change", show);
  show();

  send.addEventListener("click", async () => {
    const chosen = kind.value as VaultKind;
    const offer = offers.get(chosen);
    host.showError(null);
    result.textContent = "Sending…";
    send.disabled = true;
    const unlock = {
      password: offer?.needsPassword ? password.value : null,
      session: offer?.acceptsSession && session.value ? session.value : null,
    };
    password.value = "";
    session.value = "";
    try {
      const stored = await api.sendNewKeyToVault(
        orgId,
        revealId,
        {
          kind: chosen,
          entry: entry.value,
          database: offer?.needsDatabase ? database.value : null,
          container: containerField.hidden ? null : container.value,
        },
        unlock,
      );
      result.textContent = `Stored in ${stored.vault}: ${stored.location}`;
      result.classList.add("stored");
      host.onStored(stored);
    } catch (error) {
      result.textContent = "";
      host.showError(error as CommandError);
    } finally {
      send.disabled = !offers.get(kind.value as VaultKind)?.available;
    }
  });

  return [
    field("Password manager", kind),
    unavailable,
    field("Entry", entry, el("span", { className: "field-hint", text: "Folders separated by “/”. An existing entry is never overwritten." })),
    databaseField,
    passwordField,
    sessionField,
    containerField,
    el("div", { className: "reveal" }, [send, result]),
  ];
}

function noVaultText(offers: VaultOffer[]): string {
  const reasons = offers
    .map((offer) => offer.unavailableReason)
    .filter((reason): reason is string => !!reason);
  return `No password manager Keywarden can use was found. ${reasons.slice(0, 2).join("; ")}. Copy the key instead.`;
}
