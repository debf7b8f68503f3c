import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer, debounce } from "../src/coalesce";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("progress coalescing", () => {
  it("delivers at most ten updates a second however many messages arrive, and the last one always", () => {
    const delivered: number[] = [];
    const coalescer = new Coalescer<number>((value) => delivered.push(value), 100);
    for (let done = 1; done <= 2000; done += 1) {
      coalescer.push(done);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(200);
    expect(delivered.length).toBeLessThanOrEqual(21);
    expect(delivered.length).toBeGreaterThan(1);
    expect(delivered.at(-1)).toBe(2000);
    expect([...delivered].sort((a, b) => a - b)).toEqual(delivered);
  });

  it("shows the first message at once", () => {
    const delivered: number[] = [];
    const coalescer = new Coalescer<number>((value) => delivered.push(value), 100);
    coalescer.push(1);
    expect(delivered).toEqual([1]);
  });

  it("drops a pending message once cancelled", () => {
    const delivered: number[] = [];
    const coalescer = new Coalescer<number>((value) => delivered.push(value), 100);
    coalescer.push(1);
    coalescer.push(2);
    coalescer.cancel();
    vi.advanceTimersByTime(500);
    expect(delivered).toEqual([1]);
  });
});

describe("debounce", () => {
  it("runs once with the last arguments after typing pauses", () => {
    const runs: string[] = [];
    const search = debounce((text: string) => runs.push(text), 120);
    search.call("a");
    vi.advanceTimersByTime(60);
    search.call("ab");
    vi.advanceTimersByTime(119);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(["ab"]);
  });
});

describe("debounce with a leading run", () => {
  it("answers the first call at once, then runs once more with the last arguments when calls pause", () => {
    const runs: string[] = [];
    const search = debounce((text: string) => runs.push(text), 120, { leading: true });
    search.call("a");
    expect(runs).toEqual(["a"]);
    vi.advanceTimersByTime(60);
    search.call("ab");
    vi.advanceTimersByTime(60);
    search.call("abc");
    vi.advanceTimersByTime(119);
    expect(runs).toEqual(["a"]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(["a", "abc"]);
    vi.advanceTimersByTime(500);
    expect(runs).toEqual(["a", "abc"]);
    search.call("abcd");
    expect(runs).toEqual(["a", "abc", "abcd"]);
  });

  it("runs nothing more after a lone call, and a cancel drops what was waiting", () => {
    const runs: string[] = [];
    const search = debounce((text: string) => runs.push(text), 120, { leading: true });
    search.call("x");
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual(["x"]);
    search.call("y");
    search.call("yz");
    search.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual(["x", "y"]);
  });
});
