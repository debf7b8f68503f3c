// A small store with subscriptions, so each region of the window redraws only when the slice of
// state it shows changes (a keystroke or a progress message never rebuilds the whole page).

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** Compares two selected slices; true means "unchanged, do not call the listener". */
export type Equality<S> = (a: S, b: S) => boolean;

/** Identity for primitives; for arrays and plain objects, identity of each element or field. */
export function shallowEqual<S>(a: S, b: S): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && Object.is(left[key], right[key]));
}

interface Subscription<T> {
  check: (state: T) => void;
  active: boolean;
}

/** Holds one immutable state object; `set` replaces fields, subscribers see the slices they chose. */
export class Store<T extends object> {
  private state: T;
  private subscriptions: Subscription<T>[] = [];
  private notifying = false;
  private dirty = false;
  private batching = 0;

  constructor(initial: T) {
    this.state = initial;
  }

  /** The current state. */
  get(): T {
    return this.state;
  }

  /** Replaces some top-level fields (from an object, or a function of the current state). */
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const fields = typeof patch === "function" ? patch(this.state) : patch;
    this.state = { ...this.state, ...fields };
    this.notify();
  }

  /** Runs `work` and tells subscribers once at the end, however many `set`s it made. */
  batch(work: () => void): void {
    this.batching += 1;
    try {
      work();
    } finally {
      this.batching -= 1;
      this.notify();
    }
  }

  /**
   * Calls `listener(slice, previous)` whenever `selector(state)` stops being `equal` to what it
   * was; not at subscription time.
   */
  subscribe<S>(
    selector: (state: T) => S,
    listener: (slice: S, previous: S) => void,
    equal: Equality<S> = shallowEqual,
  ): Unsubscribe {
    let last = selector(this.state);
    const subscription: Subscription<T> = {
      active: true,
      check: (state) => {
        const next = selector(state);
        if (equal(last, next)) return;
        const previous = last;
        last = next;
        listener(next, previous);
      },
    };
    this.subscriptions.push(subscription);
    return () => {
      subscription.active = false;
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    };
  }

  private notify(): void {
    if (this.batching > 0) return;
    if (this.notifying) {
      this.dirty = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.dirty = false;
        for (const subscription of [...this.subscriptions]) {
          if (subscription.active) subscription.check(this.state);
        }
      } while (this.dirty);
    } finally {
      this.notifying = false;
    }
  }
}

/** What a drawn region owns (subscriptions, timers); disposing it stops them all. */
export class Scope {
  private cleanups: (() => void)[] = [];
  private disposed = false;

  /** Runs `cleanup` when this scope is disposed (at once if it already was). */
  add(cleanup: () => void): void {
    if (this.disposed) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** A scope disposed with this one, or earlier on its own. */
  child(): Scope {
    const child = new Scope();
    this.add(() => child.dispose());
    return child;
  }

  /** Whether `dispose` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Stops everything this scope owns. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const cleanups = this.cleanups;
    this.cleanups = [];
    for (const cleanup of cleanups.reverse()) cleanup();
  }
}

/**
 * Draws `render(slice)` into `container` now and again each time the slice changes; whatever the
 * previous drawing subscribed to is disposed first.
 */
export function region<T extends object, S>(
  store: Store<T>,
  scope: Scope,
  container: Element,
  selector: (state: T) => S,
  render: (slice: S, scope: Scope) => Node | (Node | null)[] | null,
  equal: Equality<S> = shallowEqual,
): void {
  let child = scope.child();
  const draw = (slice: S): void => {
    child.dispose();
    child = scope.child();
    const drawn = render(slice, child);
    const nodes = drawn === null ? [] : Array.isArray(drawn) ? drawn : [drawn];
    container.replaceChildren(...nodes.filter((node): node is Node => node !== null));
  };
  draw(selector(store.get()));
  scope.add(store.subscribe(selector, draw, equal));
}
