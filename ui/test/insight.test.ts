import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { KeyInsight, KeyTimeline, KindSeries } from "../src/types";
import { createSparkline, dailyBars, dayLabels, stackedBars } from "../src/views/charts";
import { keyDetails, kindSummary } from "../src/views/key-details";
import { createKeyRow } from "../src/views/key-row";
import { installDialogSupport } from "./dialog-support";
import { keyRow } from "./fixtures";

installDialogSupport();

const markup = `<img src=x onerror="window.__pwned=1">`;

afterEach(() => {
  clearMocks();
  document.body.replaceChildren();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function series(kind: string, unit: string, requests: number[], units: number[], unitsOut: number[] = requests.map(() => 0)): KindSeries {
  return { kind, label: kind, unit, requests, units, unitsOut };
}

describe("charts", () => {
  it("draw a sparkline from its values and a flat dashed line for none", () => {
    const spark = createSparkline(100, 20);
    spark.show([0, 5, 10]);
    const points = spark.element.querySelector("polyline")!.getAttribute("points")!.split(" ");
    expect(points).toEqual(["0.0,19.0", "50.0,10.5", "100.0,2.0"]);
    expect(spark.element.classList.contains("empty")).toBe(false);
    spark.show(null);
    expect(spark.element.classList.contains("empty")).toBe(true);
    expect(spark.element.querySelector("polygon")!.getAttribute("points")).toBe("");
  });

  it("give each day a bar with its label, and stack projects per day in order", () => {
    const bars = dailyBars([0, 4, 2], ["a", "b", "c"], "bars-usage");
    const rects = [...bars.querySelectorAll("rect")];
    expect(rects.map((r) => r.querySelector("title")!.textContent)).toEqual(["a", "b", "c"]);
    expect(Number(rects[0]!.getAttribute("height"))).toBe(0);
    expect(Number(rects[1]!.getAttribute("height"))).toBeGreaterThan(Number(rects[2]!.getAttribute("height")));
    const stacked = stackedBars(
      [
        { label: markup, values: [1, 0] },
        { label: "B", values: [1, 2] },
      ],
      ["d1", "d2"],
      (v) => `$${v}`,
    );
    const titles = [...stacked.querySelectorAll("rect title")].map((t) => t.textContent);
    expect(titles).toEqual([`d1: ${markup} $1`, "d1: B $1", "d2: B $2"]);
    expect(stacked.querySelector("img")).toBeNull();
    expect(dayLabels("2026-11-30T00:00:00Z", 2)).toHaveLength(2);
  });
});

describe("key details", () => {
  it("say each kind in its own unit", () => {
    expect(kindSummary(series("embeddings", "tokens", [2, 3], [1000, 2000]))).toBe("5 requests · 3K tokens");
    expect(kindSummary(series("completions", "tokens", [1], [1500], [300]))).toBe("1 request · 1.5K tokens in, 300 out");
    expect(kindSummary(series("images", "images", [2], [8]))).toBe("2 requests · 8 images");
    expect(kindSummary(series("file_search_calls", "calls", [4], [4]))).toBe("4 requests");
  });

  it("show usage per kind, the spend, and say why there is no history", async () => {
    const insight: KeyInsight = {
      days: 7,
      firstDay: "2026-11-24T00:00:00Z",
      readAt: new Date().toISOString(),
      kinds: [series("embeddings", "tokens", [0, 1, 2, 3, 4, 5, 6], [0, 10, 20, 30, 40, 50, 60])],
      spend: [0, 0.1, 0.2, 0, 0, 0, 0.3],
      unavailable: [{ what: "Images", why: "the admin key lacks the scope api.usage.read" }],
    };
    const timeline: KeyTimeline = {
      events: [],
      gap: { reason: "loggingOff", message: "This organization has not turned on audit logging." },
      truncated: false,
    };
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === "key_insight" ? insight : timeline;
    });
    keyDetails("org-1", keyRow(1, { name: markup }), 7);
    await settle();
    await settle();
    expect(calls.sort()).toEqual(["key_insight", "key_timeline"]);
    const dialog = document.querySelector("[data-testid='key-details']")!;
    expect(dialog.querySelector("img")).toBeNull();
    expect(dialog.querySelector("[data-kind='embeddings'] [data-testid='usage-kind-figures']")!.textContent).toBe("21 requests · 210 tokens");
    expect(dialog.querySelectorAll("[data-kind='embeddings'] rect")).toHaveLength(7);
    expect(dialog.querySelector("[data-testid='key-spend-daily']")!.textContent).toContain("$0.60 in 7 days");
    expect(dialog.querySelector("[data-testid='usage-unavailable']")!.textContent).toContain("Images could not be read");
    const gap = dialog.querySelector("[data-testid='key-history-gap']")!;
    expect(gap.getAttribute("data-reason")).toBe("loggingOff");
    expect(dialog.querySelectorAll("[data-testid='key-history-event']")).toHaveLength(0);
  });
});

describe("a key row's usage", () => {
  const actions = (read: boolean) => ({
    onCopy: () => {}, onRevoke: () => {}, onEdit: () => {}, onDetails: () => {}, usageRead: () => read,
    fitting: null, revokeBlocked: () => null, isLost: () => false,
  });

  it("shows the creation date before usage is read, then the period's requests", () => {
    const before = createKeyRow(false, actions(false), () => Date.now());
    before.show(0, keyRow(1, { dailyRequests: null }));
    const chip = before.element.querySelector<HTMLElement>("[data-testid='key-usage']")!;
    expect(chip.textContent).toContain("created");
    const after = createKeyRow(false, actions(true), () => Date.now());
    after.show(0, keyRow(2, { dailyRequests: [1000, 200, 34] }));
    const read = after.element.querySelector<HTMLElement>("[data-testid='key-usage']")!;
    expect(read.querySelector("[data-testid='key-usage-text']")!.textContent).toBe("1.2K req");
    expect(read.dataset.requests).toBe("1234");
    after.show(1, keyRow(3, { dailyRequests: null }));
    expect(read.querySelector("[data-testid='key-usage-text']")!.textContent).toBe("0 req");
    expect(read.dataset.requests).toBe("0");
  });
});
