// The permissions and expiry of a key, as a form section shared by the create dialog and the
// edit dialog. It only reads what the person chose into the wire shapes; Rust checks every value
// again (ranges, dates, identifiers) and its `invalidInput` message is shown by the dialog. The
// only checks here are the ones a person clearly has to fix before anything can be sent: a
// restricted key with nothing chosen, and "On a date…" without a date.

import { el } from "../dom";
import { dayText } from "../formats";
import type { Expiry, KeyPolicy, Permissions, PolicyChange } from "../types";
import {
  EXPIRY_DAYS,
  type FormError,
  SCOPE_CATALOGUE,
  dateText,
  isFormError,
  localDate,
  splitScopes,
} from "./policy-values";

export {
  EXPIRY_DAYS,
  type FormError,
  SCOPE_CATALOGUE,
  type ScopeGroup,
  dateText,
  isFormError,
  isKeyPolicy,
  isRefusal,
  localDate,
  permissionsFromScopes,
  splitScopes,
} from "./policy-values";

/** The longest expiry the API accepts, in days; a date's key expires at the end of that day. */
const MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** Which permissions and expiry are chosen, before reading their details. */
export interface PolicyChoice {
  permissions: Permissions["kind"] | "keep";
  expiry: Expiry["kind"] | "keep";
}

/** A permissions-and-expiry form section. */
export interface PolicyForm<T> {
  element: HTMLElement;
  /** The chosen policy (create) or change (edit), or what to fix first. */
  read(): T | FormError;
  /** Which options are chosen, even when their details are incomplete. */
  choice(): PolicyChoice;
  /** Runs `listener` after every change, the person's or `set`'s. */
  onChange(listener: () => void): void;
  /** Shows `policy` (e.g. the organization's default once it has loaded). */
  set(policy: KeyPolicy): void;
  /** Whether the person has changed anything yet. */
  touched(): boolean;
  /** Disables (or enables again) every field. */
  setDisabled(disabled: boolean): void;
}

/** Options of {@link createPolicyForm}. */
export interface PolicyFormOptions<M extends "create" | "edit"> {
  /** `create`: a new key's policy, with "Never". `edit`: a change, with "Keep the current …"
   * choices and without "Never" (the API cannot remove an expiry). */
  mode: M;
  /** Create: what the form shows first. Edit: the key's known permissions, ticked when the
   * person chooses Restricted (the choices themselves start at "Keep"). */
  initial?: KeyPolicy;
  /** The clock, for the date limits and the hints. */
  now?: () => number;
}


let formIds = 0;

export function createPolicyForm(options: PolicyFormOptions<"create">): PolicyForm<KeyPolicy>;
export function createPolicyForm(options: PolicyFormOptions<"edit">): PolicyForm<PolicyChange>;
/** Builds the permissions-and-expiry section; see {@link PolicyFormOptions}. */
export function createPolicyForm(
  options: PolicyFormOptions<"create" | "edit">,
): PolicyForm<KeyPolicy> | PolicyForm<PolicyChange> {
  const edit = options.mode === "edit";
  const now = options.now ?? (() => Date.now());
  const id = ++formIds;
  const listeners: (() => void)[] = [];
  let touched = false;

  // Permissions: a radio group, and the checklist shown only for Restricted.
  const radio = (value: PolicyChoice["permissions"], label: string, testId: string): [HTMLInputElement, HTMLLabelElement] => {
    const input = el("input", {
      attrs: { type: "radio", name: `policy-permissions-${id}`, value, "data-testid": testId },
    });
    return [input, el("label", { className: "policy-choice" }, [input, el("span", { text: label })])];
  };
  const choices = [
    ...(edit ? [radio("keep", "Keep the current permissions", "policy-permissions-keep")] : []),
    radio("all", "All", "policy-permissions-all"),
    radio("readOnly", "Read only", "policy-permissions-read-only"),
    radio("restricted", "Restricted", "policy-permissions-restricted"),
  ];
  const radios = choices.map(([input]) => input);
  const permissionsHint = el("span", { className: "field-hint", attrs: { "data-testid": "policy-permissions-hint" } });
  const checkboxes: HTMLInputElement[] = [];
  const groups = SCOPE_CATALOGUE.map((group) =>
    el("div", { className: "policy-scope-group" }, [
      el("span", { className: "policy-scope-resource", text: group.resource }),
      ...group.scopes.map(({ scope, label }) => {
        const box = el("input", {
          attrs: { type: "checkbox", "aria-label": `${group.resource}: ${label.toLowerCase()} (${scope})`, "data-testid": "policy-scope" },
          dataset: { scope },
        });
        checkboxes.push(box);
        return el("label", { className: `policy-scope policy-scope-${label.toLowerCase()}`, title: scope }, [box, el("span", { text: label })]);
      }),
    ]),
  );
  const other = el("input", {
    className: "input",
    attrs: {
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "e.g. api.usage.read, api.realtime.write",
      "data-testid": "policy-other-scopes",
    },
  });
  const restricted = el("div", { className: "policy-restricted", attrs: { "data-testid": "policy-restricted" } }, [
    el("div", { className: "policy-scopes", attrs: { role: "group", "aria-label": "Restricted permissions" } }, groups),
    el("label", { className: "field policy-other" }, [
      el("span", { className: "field-label", text: "Other permissions" }),
      other,
      el("span", {
        className: "field-hint",
        text: "Identifiers not listed above, separated by commas or spaces; sent as typed, and OpenAI refuses unknown ones.",
      }),
    ]),
  ]);
  const permissions = el("fieldset", { className: "policy-permissions" }, [
    el("legend", { className: "field-label", text: edit ? "New permissions" : "Permissions" }),
    el("div", { className: "policy-choices" }, choices.map(([, label]) => label)),
    permissionsHint,
    restricted,
  ]);

  // Expiry: a select, and a date input shown only for "On a date…".
  const selectId = `policy-expiry-${id}`;
  const select = el("select", { className: "input policy-expiry-select", attrs: { id: selectId, "data-testid": "policy-expiry" } }, [
    ...(edit ? [el("option", { text: "Keep the current expiry", attrs: { value: "keep" } })] : []),
    ...EXPIRY_DAYS.map((days) => el("option", { text: `In ${days} days`, attrs: { value: `days:${days}` } })),
    el("option", { text: "On a date…", attrs: { value: "date" } }),
    ...(edit ? [] : [el("option", { text: "Never", attrs: { value: "never" } })]),
  ]);
  const date = el("input", {
    className: "input policy-expiry-date",
    attrs: { type: "date", "aria-label": "Expiry date", "data-testid": "policy-expiry-date" },
  });
  const expiryHint = el("span", { className: "field-hint", attrs: { "data-testid": "policy-expiry-hint" } });
  const expiry = el("div", { className: "field policy-expiry" }, [
    el("label", { className: "field-label", text: edit ? "New expiry" : "Expires", attrs: { for: selectId } }),
    el("div", { className: "policy-expiry-row" }, [select, date]),
    expiryHint,
  ]);

  const element = el("div", { className: "policy-form", attrs: { "data-testid": "policy-form" } }, [permissions, expiry]);

  /** The date limits: from today to the last day whose end is within 365 days of now. */
  const limitDates = (): void => {
    const at = now();
    date.min = localDate(at);
    date.max = localDate(at + (MAX_DAYS - 1) * DAY_MS);
  };

  const permissionChoice = (): PolicyChoice["permissions"] =>
    (radios.find((input) => input.checked)?.value as PolicyChoice["permissions"] | undefined) ?? (edit ? "keep" : "all");
  const expiryChoice = (): PolicyChoice["expiry"] => {
    const value = select.value;
    if (value === "keep" || value === "never" || value === "date") return value;
    return "days";
  };

  const readPermissions = (): Permissions | null | FormError => {
    switch (permissionChoice()) {
      case "keep":
        return null;
      case "all":
        return { kind: "all" };
      case "readOnly":
        return { kind: "readOnly" };
      case "restricted": {
        const listed = [...checkboxes.filter((box) => box.checked).map((box) => box.dataset.scope ?? ""), ...splitScopes(other.value)];
        const scopes = [...new Set(listed.filter((scope) => scope.length > 0))];
        if (scopes.length === 0) {
          return { error: "A restricted key needs at least one permission: tick one, type one under “Other permissions”, or choose All or Read only." };
        }
        return { kind: "restricted", scopes };
      }
    }
  };

  const readExpiry = (): Expiry | null | FormError => {
    switch (expiryChoice()) {
      case "keep":
        return null;
      case "never":
        return { kind: "never" };
      case "date":
        if (date.value === "") return { error: "No expiry date is picked: pick one in the calendar, or choose a number of days." };
        return { kind: "date", date: date.value };
      case "days":
        return { kind: "days", days: Number(select.value.slice("days:".length)) };
    }
  };

  const updateHints = (): void => {
    const choice = permissionChoice();
    restricted.hidden = choice !== "restricted";
    permissionsHint.textContent = {
      keep: "Leaves what the key may do as it is.",
      all: "Everything its owner's role allows (never more than that).",
      readOnly: "Can read everything its owner's role allows, never change anything.",
      restricted: "Only what is chosen below.",
    }[choice];
    const kind = expiryChoice();
    date.hidden = kind !== "date";
    const from = edit ? "from when you save" : "from when the key is created";
    if (kind === "keep") expiryHint.textContent = "Leaves the expiry as it is.";
    else if (kind === "never") {
      expiryHint.textContent = "Works until someone revokes it. If your organization requires keys to expire, OpenAI refuses this and says why.";
    } else if (kind === "date") {
      expiryHint.textContent = date.value
        ? `Stops working at the end of ${dateText(date.value)}, your time.`
        : `Pick a day up to ${dateText(date.max)}; the key stops working at the end of it.`;
    } else {
      const days = Number(select.value.slice("days:".length));
      expiryHint.textContent = `Until about ${dayText(new Date(now() + days * DAY_MS).toISOString())}, counted ${from}.`;
    }
  };

  const notify = (): void => {
    updateHints();
    for (const listener of listeners) listener();
  };

  const chooseDays = (days: number): void => {
    const value = `days:${days}`;
    if (![...select.options].some((option) => option.value === value)) {
      const before = [...select.options].find((option) => option.value === "date") ?? null;
      select.insertBefore(el("option", { text: `In ${days} days`, attrs: { value } }), before);
    }
    select.value = value;
  };

  const fillScopes = (scopes: readonly string[]): void => {
    const known = new Set(checkboxes.map((box) => box.dataset.scope));
    for (const box of checkboxes) box.checked = scopes.includes(box.dataset.scope ?? "");
    other.value = scopes.filter((scope) => !known.has(scope)).join(", ");
  };

  const set = (policy: KeyPolicy): void => {
    limitDates();
    const permissionsKind = policy.permissions.kind;
    fillScopes(policy.permissions.kind === "restricted" ? policy.permissions.scopes : []);
    for (const input of radios) input.checked = input.value === permissionsKind;
    switch (policy.expiry.kind) {
      case "never":
        select.value = edit ? "keep" : "never";
        break;
      case "days":
        chooseDays(policy.expiry.days);
        break;
      case "date":
        select.value = "date";
        date.value = policy.expiry.date;
        break;
    }
    notify();
  };

  element.addEventListener("change", () => {
    touched = true;
    notify();
  });
  element.addEventListener("input", () => {
    touched = true;
    notify();
  });

  limitDates();
  if (edit) {
    if (options.initial?.permissions.kind === "restricted") fillScopes(options.initial.permissions.scopes);
    for (const input of radios) input.checked = input.value === "keep";
    select.value = "keep";
    updateHints();
  } else {
    set(options.initial ?? { permissions: { kind: "all" }, expiry: { kind: "never" } });
  }

  const read = (): KeyPolicy | PolicyChange | FormError => {
    const chosenPermissions = readPermissions();
    if (isFormError(chosenPermissions)) return chosenPermissions;
    const chosenExpiry = readExpiry();
    if (isFormError(chosenExpiry)) return chosenExpiry;
    if (edit) return { permissions: chosenPermissions, expiry: chosenExpiry };
    return {
      permissions: chosenPermissions ?? { kind: "all" },
      expiry: chosenExpiry ?? { kind: "never" },
    };
  };

  const form = {
    element,
    read,
    choice: () => ({ permissions: permissionChoice(), expiry: expiryChoice() }),
    onChange: (listener: () => void) => {
      listeners.push(listener);
    },
    set,
    touched: () => touched,
    setDisabled: (disabled: boolean) => {
      for (const control of element.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
        control.disabled = disabled;
      }
      element.classList.toggle("disabled", disabled);
    },
  };
  return form as PolicyForm<KeyPolicy> | PolicyForm<PolicyChange>;
}
