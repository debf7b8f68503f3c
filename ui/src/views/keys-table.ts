// The keys of one project: name, redacted value, owner, created, last used.

import { el } from "../dom";
import { fullDate, relativeTime } from "../relative-time";
import type { ApiKey, Project } from "../types";
import { emptyPanel } from "./status-panel";

/** Renders a project's header and its keys table (or an empty state). */
export function renderKeys(
  orgLabel: string,
  project: Project,
  keys: ApiKey[],
  now: Date = new Date(),
): HTMLElement {
  const count = `${keys.length} ${keys.length === 1 ? "key" : "keys"}`;
  const header = el("header", { className: "content-header" }, [
    el("div", { className: "crumbs", text: orgLabel }),
    el("h1", { className: "project-title", text: project.name, title: project.name }),
    el("div", { className: "meta" }, [
      el("code", { className: "project-id", text: project.id }),
      el("span", { className: "dot", text: "·" }),
      el("span", { className: "key-count", text: count }),
      project.status === "archived" ? el("span", { className: "tag", text: "archived" }) : null,
    ]),
  ]);
  if (keys.length === 0) {
    return el("section", { className: "keys-view" }, [
      header,
      emptyPanel(
        "No API keys in this project",
        "Keys appear here once someone creates one for this project in the OpenAI dashboard.",
      ),
    ]);
  }
  const head = el("thead", {}, [
    el("tr", {}, ["Name", "Key", "Owner", "Created", "Last used"].map((h) => el("th", { text: h }))),
  ]);
  const body = el("tbody", {}, keys.map((key) => renderRow(key, now)));
  const table = el("table", { className: "keys-table", attrs: { "aria-label": "API keys" } }, [
    head,
    body,
  ]);
  return el("section", { className: "keys-view" }, [header, el("div", { className: "table-wrap" }, [table])]);
}

function renderRow(key: ApiKey, now: Date): HTMLElement {
  const ownerLabel =
    key.ownerKind === "serviceAccount" ? "Service account" : key.ownerKind === "user" ? "User" : "Owner";
  const owner = el("div", { className: "owner" }, [
    el("span", { className: `owner-kind owner-${key.ownerKind}`, text: ownerLabel }),
    el("span", { className: "owner-name", text: key.ownerName, title: key.ownerName }),
    key.ownerEmail ? el("span", { className: "owner-email", text: key.ownerEmail }) : null,
  ]);
  const inactive = key.ownerAccess === "inactive";
  return el("tr", { dataset: { keyId: key.id }, className: inactive ? "inactive" : "" }, [
    el("td", { className: "key-name" }, [
      el("span", { className: "name", text: key.name, title: key.name }),
      inactive ? el("span", { className: "tag", text: "owner inactive" }) : null,
    ]),
    el("td", {}, [el("code", { className: "key-redacted", text: key.redactedValue })]),
    el("td", {}, [owner]),
    el("td", { className: "date", text: relativeTime(key.createdAt, now), title: fullDate(key.createdAt) }),
    el("td", {
      className: `date last-used${key.lastUsedAt === null ? " never" : ""}`,
      text: relativeTime(key.lastUsedAt, now),
      title: fullDate(key.lastUsedAt),
    }),
  ]);
}
