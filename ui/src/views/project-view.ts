// A project's keys, and search results across an organization: a header with the count from
// Rust's `total`, then the windowed table (or a panel that says what is happening or what to do).

import { el } from "../dom";
import { plural } from "../formats";
import { READ_ONLY_HINT, copyText, editKeyPolicy, projectButtons, revokeKey } from "../key-flows";
import { rotateKey } from "../key-rotation";
import { inlineName, serverName } from "../server-text";
import { type AppState, orgById } from "../state";
import { type Scope, region } from "../store";
import type { CommandError, HygieneRule } from "../types";
import type { ViewContext } from "./context";
import type { RowActions } from "./key-row";
import { keyDetails } from "./key-details";
import { projectSpend } from "./spend-chart";
import { usageControls } from "./usage-controls";
import { createKeysTable } from "./keys-table";
import { emptyPanel, errorPanel, loadingPanel } from "./status-panel";

type BodyState =
  | { kind: "table" }
  | { kind: "loading" }
  | { kind: "empty"; archived: boolean }
  | { kind: "error"; error: CommandError }
  | { kind: "projectError"; message: string };

/** Which table a keys body shows. */
export interface BodyOptions {
  /** Keys of every project (search results, findings): a Project column comes first. */
  showProject: boolean;
  /** What an empty answer says, for tables that are not a project's. */
  emptyTitle?: string;
  emptyText?: string;
  /** The row action a findings table shows as primary. */
  fitting?: "revoke" | "edit";
}

function bodyState(state: AppState, search: boolean): BodyState {
  const project = search ? null : state.selectedProject;
  if (project && project !== "gone" && project.error) return { kind: "projectError", message: project.error };
  if (state.keys.error) return { kind: "error", error: state.keys.error };
  if (state.keys.total === null) return { kind: "loading" };
  if (state.keys.total === 0) {
    return { kind: "empty", archived: project !== null && project !== "gone" && project.status === "archived" };
  }
  return { kind: "table" };
}

function rowActions(context: ViewContext, orgId: string, fitting: BodyOptions["fitting"]): RowActions {
  return {
    onCopy: (text, what) => void copyText(text, what),
    onRevoke: (key) => revokeKey(context.host, orgId, key),
    onEdit: (key) => editKeyPolicy(context.host, orgId, key),
    onRotate: (key) => rotateKey(context.host, orgId, key),
    onDetails: (key) => keyDetails(orgId, key, context.store.get().usageDays),
    usageRead: () => (context.store.get().statuses[orgId]?.usageReadAt ?? null) !== null,
    revokeBlocked: () => (orgById(context.store.get(), orgId)?.readOnly ? READ_ONLY_HINT : null),
    isLost: (keyId) => context.store.get().lostKeyIds.includes(keyId),
    fitting: fitting ?? null,
  };
}

/** The body of a keys view: the table, or a panel saying what is happening or what to do. */
export function keysBody(context: ViewContext, scope: Scope, orgId: string, options: BodyOptions): HTMLElement {
  const search = options.showProject;
  const container = el("div", { className: "keys-body" });
  region(context.store, scope, container, (s) => bodyState(s, search), (state, inner) => {
    switch (state.kind) {
      case "projectError":
        return el("div", { className: "panel panel-error", attrs: { role: "alert" } }, [
          el("h2", { text: "The keys of this project could not be loaded" }),
          el("p", { className: "error-message", text: state.message }),
          el("p", { className: "hint", text: "Refresh (Ctrl+R) to try again." }),
        ]);
      case "error":
        if (search && state.error.code === "invalidInput") {
          return emptyPanel("That search was not accepted", `${state.error.message} Press Escape to clear.`);
        }
        return errorPanel(state.error, () => context.rows.retry());
      case "loading":
        return loadingPanel(search ? "Searching…" : "Loading keys…");
      case "empty":
        if (options.emptyTitle !== undefined) return emptyPanel(options.emptyTitle, options.emptyText ?? "");
        if (context.store.get().keyFilter !== null) {
          return emptyPanel("No key matches the expiry filter", "Choose “Any expiry” above to see every key.");
        }
        if (search) {
          return emptyPanel(
            "No key matches",
            "Search looks at names, ids, redacted values, owners and projects. Press Escape to clear.",
          );
        }
        return emptyPanel(
          "No API keys in this project",
          state.archived
            ? "Archived projects keep no usable keys."
            : "Create one with “Create key”, or in the OpenAI dashboard; it will appear here.",
        );
      case "table":
        return createKeysTable(context.store, inner, context.rows, orgId, {
          showProject: search,
          actions: rowActions(context, orgId, options.fitting),
          onSort: (column) => context.actions.sort(column),
        });
    }
  });
  return container;
}

const EXPIRY_FILTERS: { value: "" | HygieneRule; label: string }[] = [
  { value: "", label: "Any expiry" },
  { value: "expired", label: "Expired" },
  { value: "expiring", label: "Expiring soon" },
  { value: "neverExpires", label: "Never expires" },
];

/** The expiry filter of a keys view (sent to Rust as a hygiene rule). */
function expiryFilter(context: ViewContext): HTMLElement {
  const current = context.store.get().keyFilter ?? "";
  const select = el(
    "select",
    {
      className: "input input-compact",
      attrs: { "data-testid": "expiry-filter", "aria-label": "Filter by expiry" },
    },
    EXPIRY_FILTERS.map((option) => el("option", { text: option.label, attrs: { value: option.value } })),
  );
  select.value = current;
  select.addEventListener("change", () => {
    context.actions.filterKeys(select.value === "" ? null : (select.value as HygieneRule));
  });
  return el("span", { className: "meta-filter" }, [select]);
}

/** A project's header and its keys. */
export function projectView(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const head = el("header", { className: "content-header" });
  region(
    context.store,
    scope,
    head,
    (s) => ({
      org: orgById(s, orgId),
      project: s.selectedProject === "gone" ? null : s.selectedProject,
      total: s.keys.total,
    }),
    ({ org, project, total }, inner) => {
      if (!org || !project) return null;
      const count = total ?? project.keyCount;
      const accounts = project.serviceAccountCount;
      return [
        el("div", { className: "header-row" }, [
          el("div", { className: "header-text" }, [
            el("div", { className: "crumbs" }, [el("bdi", { text: org.label })]),
            el("h1", { className: "project-title" }, [serverName(project.name)]),
          ]),
          el("div", { className: "header-actions" }, projectButtons(context.host, org, project)),
        ]),
        el("div", { className: "meta" }, [
          el("code", { className: "project-id" }, [serverName(project.id)]),
          el("span", { className: "dot", text: "·" }),
          el("span", { className: "key-count", text: plural(count, "key", "keys"), attrs: { "data-testid": "keys-total" } }),
          accounts !== null ? el("span", { className: "dot", text: "·" }) : null,
          accounts !== null
            ? el("span", { text: plural(accounts, "service account", "service accounts"), attrs: { "data-testid": "service-account-count" } })
            : null,
          project.status === "archived" ? el("span", { className: "tag", text: "archived" }) : null,
          el("span", { className: "dot", text: "·" }),
          projectSpend(context, inner, orgId, project.id),
          expiryFilter(context),
        ]),
      ];
    },
  );
  const usage = usageControls(context, scope, orgId);
  return el("section", { className: "keys-view" }, [head, usage, keysBody(context, scope, orgId, { showProject: false })]);
}

/** Search results across every project of an organization. */
export function searchView(context: ViewContext, scope: Scope, orgId: string): HTMLElement {
  const head = el("header", { className: "content-header" });
  region(
    context.store,
    scope,
    head,
    (s) => ({ label: orgById(s, orgId)?.label ?? "", query: s.query.trim(), total: s.keys.total, failed: s.keys.error !== null }),
    ({ label, query, total, failed }) => [
      el("div", { className: "crumbs" }, [el("bdi", { text: label })]),
      el("h1", { className: "project-title", text: `Keys matching “${inlineName(query)}”`, title: query }),
      el("div", { className: "meta" }, [
        el("span", {
          className: "key-count",
          text:
            total !== null
              ? `${plural(total, "key matches", "keys match")} in all projects`
              : failed
                ? ""
                : "Searching…",
          attrs: { "data-testid": "keys-total", "aria-live": "polite" },
        }),
        expiryFilter(context),
      ]),
    ],
  );
  return el("section", { className: "keys-view" }, [head, keysBody(context, scope, orgId, { showProject: true })]);
}
