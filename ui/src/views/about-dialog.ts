// The About box: version, where the logs are, the recent log, and an export for bug reports.

import * as api from "../api";
import { el } from "../dom";
import type { CommandError } from "../types";
import { openDialog, toast } from "./dialog";

/** Opens the About box. */
export async function aboutDialog(): Promise<void> {
  let about;
  try {
    about = await api.about();
  } catch (error) {
    toast((error as CommandError).message, "error", (error as CommandError).details);
    return;
  }
  const log = el("pre", {
    className: "log-view",
    text: about.recentLog || "Nothing has been logged yet.",
    attrs: { "data-testid": "log-view", tabindex: "0" },
  });
  openDialog({
    title: "About Keywarden",
    testId: "about-dialog",
    body: [
      el("p", { className: "dialog-text", text: `Version ${about.version}. Admin keys stay in your system keychain; new keys are shown once and copied from the app.` }),
      el("p", { className: "field-hint", text: about.logDir ? `Logs: ${about.logDir}` : "Logging is off." }),
      log,
    ],
    actions: [
      {
        label: "Export logs",
        testId: "export-logs",
        run: async () => {
          try {
            toast(`Logs saved to ${await api.exportLogs()}`, "success");
          } catch (error) {
            toast((error as CommandError).message, "error", (error as CommandError).details);
          }
          return false;
        },
      },
      { label: "Close", kind: "primary", run: () => undefined },
    ],
  });
  log.scrollTop = log.scrollHeight;
}
