import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { type AppState, initialState } from "../src/state";
import { Scope, Store } from "../src/store";
import type { Progress, UsageRead } from "../src/types";
import { readUsage } from "../src/usage-reads";
import type { ViewContext } from "../src/views/context";
import { usageControls } from "../src/views/usage-controls";

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

const READ: UsageRead = { readAt: new Date().toISOString(), days: 30, keysWithUsage: 12, unavailable: [], unknownResults: 0, skippedBuckets: 0 };

/** A fake Rust whose usage read reports progress when the test says, and ends when it says. */
function slowUsageRead(): { send: (progress: Progress) => void; finish: () => void } {
  const read = { send: (_: Progress) => {}, finish: () => {} };
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    if (cmd === "refresh_usage") {
      return new Promise((resolve) => {
        const channel = args.onProgress as { onmessage: (progress: Progress) => void };
        read.send = (progress) => channel.onmessage(progress);
        read.finish = () => resolve(READ);
      });
    }
    if (cmd === "inventory_status") return null;
    return null;
  });
  return read;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("reading usage", () => {
  it("shows how far the read is, then when usage was read", async () => {
    const store = new Store<AppState>(initialState());
    const context = { store, actions: { readUsage: (orgId: string) => void readUsage(store, orgId, () => {}) } } as unknown as ViewContext;
    const bar = usageControls(context, new Scope(), "org-1");
    document.body.append(bar);
    const status = () => bar.querySelector("[data-testid=usage-status]")?.textContent;
    const button = () => bar.querySelector<HTMLButtonElement>("[data-testid=refresh-usage]");
    const rust = slowUsageRead();

    button()?.click();
    await settle();
    expect(status()).toBe("Reading every kind of usage…");
    expect(button()?.disabled).toBe(true);

    rust.send({ done: 90, total: 270 });
    expect(status()).toBe("Reading every kind of usage… 33%");
    rust.send({ done: 270, total: 270 });
    expect(status()).toBe("Reading every kind of usage… 100%");

    rust.finish();
    await settle();
    await settle();
    expect(store.get().usageReads["org-1"]?.kind).toBe("read");
    expect(button()?.disabled).toBe(false);
  });
});
