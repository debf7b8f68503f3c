import { describe, expect, it } from "vitest";
import { Scope, Store, region, shallowEqual } from "../src/store";

interface Shape {
  a: number;
  b: { x: number };
  list: string[];
}

const initial = (): Shape => ({ a: 1, b: { x: 1 }, list: ["p"] });

describe("store", () => {
  it("calls a listener only when its selected slice changes", () => {
    const store = new Store<Shape>(initial());
    const seen: number[] = [];
    store.subscribe((s) => s.a, (a) => seen.push(a));
    store.set({ b: { x: 2 } });
    store.set({ list: ["q"] });
    store.set({ a: 1 });
    expect(seen).toEqual([]);
    store.set({ a: 2 });
    store.set((s) => ({ a: s.a + 1 }));
    expect(seen).toEqual([2, 3]);
  });

  it("compares object slices field by field, so a fresh object with the same fields is no change", () => {
    const store = new Store<Shape>(initial());
    const b = store.get().b;
    let calls = 0;
    store.subscribe((s) => ({ a: s.a, b: s.b }), () => (calls += 1));
    store.set({ a: 1, b });
    expect(calls).toBe(0);
    store.set({ b: { x: 1 } });
    expect(calls).toBe(1);
  });

  it("passes the previous slice and stops calling after unsubscribing", () => {
    const store = new Store<Shape>(initial());
    const pairs: [number, number][] = [];
    const stop = store.subscribe((s) => s.a, (a, previous) => pairs.push([a, previous]));
    store.set({ a: 5 });
    stop();
    store.set({ a: 6 });
    expect(pairs).toEqual([[5, 1]]);
  });

  it("tells subscribers once for a batch of changes", () => {
    const store = new Store<Shape>(initial());
    const seen: number[] = [];
    store.subscribe((s) => s.a, (a) => seen.push(a));
    store.batch(() => {
      store.set({ a: 2 });
      store.set({ a: 3 });
    });
    expect(seen).toEqual([3]);
  });

  it("delivers changes made by a listener to every subscriber, in order", () => {
    const store = new Store<Shape>(initial());
    store.subscribe((s) => s.a, (a) => a === 2 && store.set({ list: ["from listener"] }));
    const lists: string[][] = [];
    store.subscribe((s) => s.list, (list) => lists.push(list));
    store.set({ a: 2 });
    expect(lists).toEqual([["from listener"]]);
  });

  it("treats arrays with the same elements as equal and different lengths as different", () => {
    expect(shallowEqual(["a", "b"], ["a", "b"])).toBe(true);
    expect(shallowEqual(["a"], ["a", "b"])).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual(null, null)).toBe(true);
  });
});

describe("regions", () => {
  it("redraw only their own container, only when their slice changes, and dispose what they drew", () => {
    const store = new Store<Shape>(initial());
    const scope = new Scope();
    const container = document.createElement("div");
    let draws = 0;
    let disposed = 0;
    region(store, scope, container, (s) => s.a, (a, inner) => {
      draws += 1;
      inner.add(() => (disposed += 1));
      const node = document.createElement("span");
      node.textContent = String(a);
      return node;
    });
    expect(container.textContent).toBe("1");
    store.set({ list: ["unrelated"] });
    expect(draws).toBe(1);
    store.set({ a: 7 });
    expect(container.textContent).toBe("7");
    expect([draws, disposed]).toEqual([2, 1]);
    scope.dispose();
    store.set({ a: 8 });
    expect([draws, disposed, container.textContent]).toEqual([2, 2, "7"]);
  });
});
