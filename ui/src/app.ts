// The window's state and what happens on each user action. Rendering lives in views/.

import * as api from "./api";
import { el, replaceChildren } from "./dom";
import type { ApiKey, CommandError, Organization } from "./types";
import { renderKeys } from "./views/keys-table";
import { type OrgEntry, renderSidebar } from "./views/sidebar";
import { emptyPanel, errorPanel, loadingPanel } from "./views/status-panel";

type KeysState = { status: "loading" } | { status: "loaded"; keys: ApiKey[] } | { status: "failed"; error: CommandError };

interface Selection {
  orgId: string;
  projectId: string;
}

/** The Keywarden window. */
export class App {
  private entries: OrgEntry[] = [];
  private selection: Selection | null = null;
  private keys: KeysState | null = null;
  private loadError: CommandError | null = null;
  private loadSeq = 0;

  constructor(
    private readonly sidebar: HTMLElement,
    private readonly content: HTMLElement,
  ) {}

  /** Loads the organizations and their projects. */
  async start(): Promise<void> {
    this.loadError = null;
    this.render();
    let orgs: Organization[];
    try {
      orgs = await api.listOrganizations();
    } catch (error) {
      this.loadError = error as CommandError;
      this.render();
      return;
    }
    this.entries = orgs.map((org) => ({ org, projects: "loading" }));
    this.render();
    await Promise.all(this.entries.map((entry) => this.loadProjects(entry)));
  }

  /** Reloads what is on screen. */
  async refresh(): Promise<void> {
    await Promise.all(this.entries.map((entry) => this.loadProjects(entry)));
    if (this.selection) await this.loadKeys(this.selection);
  }

  private async loadProjects(entry: OrgEntry): Promise<void> {
    entry.projects = "loading";
    this.render();
    try {
      entry.projects = await api.listProjects(entry.org.id);
    } catch (error) {
      entry.projects = error as CommandError;
    }
    this.render();
  }

  private async selectProject(orgId: string, projectId: string): Promise<void> {
    this.selection = { orgId, projectId };
    await this.loadKeys(this.selection);
  }

  private async loadKeys(selection: Selection): Promise<void> {
    const seq = ++this.loadSeq;
    this.keys = { status: "loading" };
    this.render();
    let next: KeysState;
    try {
      next = { status: "loaded", keys: await api.listKeys(selection.orgId, selection.projectId) };
    } catch (error) {
      next = { status: "failed", error: error as CommandError };
    }
    if (seq !== this.loadSeq) return;
    this.keys = next;
    this.render();
  }

  private render(): void {
    replaceChildren(
      this.sidebar,
      renderSidebar(this.entries, this.selection, {
        onSelectProject: (orgId, projectId) => void this.selectProject(orgId, projectId),
      }),
    );
    replaceChildren(this.content, this.renderContent());
  }

  private renderContent(): HTMLElement {
    if (this.loadError) return errorPanel(this.loadError, () => void this.start());
    if (this.entries.length === 0) return loadingPanel("Starting…");
    const failed = this.entries.find((entry) => isError(entry.projects));
    if (!this.selection) {
      if (failed && isError(failed.projects)) {
        return errorPanel(failed.projects, () => void this.loadProjects(failed));
      }
      if (this.entries.some((entry) => entry.projects === "loading")) {
        return loadingPanel("Loading projects…");
      }
      return welcomePanel(this.entries);
    }
    const entry = this.entries.find((e) => e.org.id === this.selection?.orgId);
    const project =
      entry && Array.isArray(entry.projects)
        ? entry.projects.find((p) => p.id === this.selection?.projectId)
        : undefined;
    if (!entry || !project || !this.keys) return loadingPanel("Loading keys…");
    const selection = this.selection;
    switch (this.keys.status) {
      case "loading":
        return loadingPanel(`Loading keys of ${project.name}…`);
      case "failed":
        return errorPanel(this.keys.error, () => void this.loadKeys(selection));
      case "loaded":
        return renderKeys(entry.org.label, project, this.keys.keys);
    }
  }
}

function isError(value: OrgEntry["projects"]): value is CommandError {
  return typeof value === "object" && !Array.isArray(value);
}

function welcomePanel(entries: OrgEntry[]): HTMLElement {
  const projects = entries.reduce(
    (sum, entry) => sum + (Array.isArray(entry.projects) ? entry.projects.length : 0),
    0,
  );
  const orgs = entries.length;
  const summary = `${orgs} ${orgs === 1 ? "organization" : "organizations"}, ${projects} ${
    projects === 1 ? "project" : "projects"
  }`;
  return el("div", { className: "welcome" }, [
    emptyPanel("Choose a project", "Pick a project on the left to see its API keys, their owners and when they were last used."),
    el("p", { className: "welcome-summary", text: summary }),
  ]);
}
