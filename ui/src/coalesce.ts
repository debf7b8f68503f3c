// Coalescing bursts of messages: a refresh of 2,000 projects sends 2,000 progress messages, but
// the window only needs to show the latest one, at most ten times a second.

/** Delivers the latest pushed value at most once per `intervalMs`; the last value is never lost. */
export class Coalescer<T> {
  private pending: { value: T } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDelivery = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deliver: (value: T) => void,
    private readonly intervalMs = 100,
  ) {}

  /** Takes a new value: delivered now if the last delivery is old enough, else at the next slot. */
  push(value: T): void {
    this.pending = { value };
    if (this.timer !== null) return;
    const wait = this.lastDelivery + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  /** Drops a value not delivered yet (the work it reported on is over). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    this.lastDelivery = Date.now();
    this.deliver(pending.value);
  }
}

/**
 * Calls `run` with the last arguments once `delayMs` passed without another call. With
 * `leading`, the first call after such a quiet spell runs at once, and calls that follow it closer
 * together than `delayMs` still end in one more run when they pause: a single keystroke is
 * answered without waiting, fast typing costs two runs, not one per key.
 */
export function debounce<A extends unknown[]>(
  run: (...args: A) => void,
  delayMs: number,
  options: { leading?: boolean } = {},
): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  return {
    call: (...args) => {
      if (timer === null && options.leading) {
        run(...args);
      } else {
        if (timer !== null) clearTimeout(timer);
        pending = args;
      }
      timer = setTimeout(() => {
        timer = null;
        const last = pending;
        pending = null;
        if (last) run(...last);
      }, delayMs);
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
