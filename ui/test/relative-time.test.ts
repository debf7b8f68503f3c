import { describe, expect, it } from "vitest";
import { relativeTime } from "../src/relative-time";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("relativeTime", () => {
  it("says never for a key that was never used", () => {
    expect(relativeTime(null, now)).toBe("never");
  });

  it("reads like a person would say it", () => {
    expect(relativeTime(ago(10), now)).toBe("just now");
    expect(relativeTime(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3600), now)).toBe("3 hours ago");
    expect(relativeTime(ago(24 * 3600), now)).toBe("yesterday");
    expect(relativeTime(ago(3 * 24 * 3600), now)).toBe("3 days ago");
    expect(relativeTime(ago(400 * 24 * 3600), now)).toBe("last year");
  });

  it("does not throw on a malformed date", () => {
    expect(relativeTime("not a date", now)).toBe("unknown");
  });
});
