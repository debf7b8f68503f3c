// A windowed list: fixed-height rows, spacers above and below that stand for the rows not drawn,
// and about two screens of real row elements reused while scrolling. The number of row elements
// depends on the window's height, never on how many rows the list has.

/** One reusable row element. */
export interface RowView<T> {
  element: HTMLElement;
  /** Shows the item at `index`; `undefined` while that item is still loading. */
  show(index: number, item: T | undefined): void;
}

/** What a windowed list is made of. */
export interface VirtualListOptions<T> {
  /** The element that scrolls. */
  scroller: HTMLElement;
  /** The rows' parent (e.g. a `<tbody>`); the list owns its children. */
  body: HTMLElement;
  /** Every row's height in pixels (the CSS must give rows exactly this height). */
  rowHeight: number;
  createRow: () => RowView<T>;
  /** An element standing for rows not drawn; the list sets its height. */
  createSpacer: () => HTMLElement;
  /** The item at `index`, or undefined while it loads. */
  itemAt: (index: number) => T | undefined;
  /** Told which rows are drawn each time that changes. */
  onRange?: (start: number, end: number) => void;
}

interface Slot<T> {
  view: RowView<T>;
  index: number;
  item: T | undefined;
}

/** Draws the visible part of a list of `total` rows into `body`. */
export class VirtualList<T> {
  private total = 0;
  private start = 0;
  private end = 0;
  private slots: Slot<T>[] = [];
  private children: HTMLElement[] = [];
  private readonly top: HTMLElement;
  private readonly bottom: HTMLElement;
  private readonly onScroll = (): void => this.update(false);

  constructor(private readonly options: VirtualListOptions<T>) {
    this.top = options.createSpacer();
    this.bottom = options.createSpacer();
    options.scroller.addEventListener("scroll", this.onScroll, { passive: true });
    window.addEventListener("resize", this.onScroll);
  }

  /** How many rows the list has (drawn or not). */
  get length(): number {
    return this.total;
  }

  /** The index of the first row in view. */
  firstVisible(): number {
    return Math.min(Math.floor(this.options.scroller.scrollTop / this.options.rowHeight), Math.max(0, this.total - 1));
  }

  /** Sets the row count and redraws. */
  setTotal(total: number): void {
    this.total = Math.max(0, total);
    this.update(true);
  }

  /** Redraws the rows in view whose item changed (after new data arrived). */
  refresh(): void {
    this.update(true);
  }

  /** Redraws every row in view, even unchanged ones (e.g. the organization became read-only). */
  redrawAll(): void {
    for (const slot of this.slots) slot.index = -1;
    this.update(true);
  }

  /** Scrolls back to the first row. */
  scrollToTop(): void {
    this.options.scroller.scrollTop = 0;
    this.update(false);
  }

  /** Stops listening to scrolling and resizing. */
  destroy(): void {
    this.options.scroller.removeEventListener("scroll", this.onScroll);
    window.removeEventListener("resize", this.onScroll);
  }

  private update(force: boolean): void {
    const { scroller, rowHeight } = this.options;
    const height = scroller.clientHeight || window.innerHeight || 800;
    const visible = Math.ceil(height / rowHeight) + 1;
    const overscan = Math.ceil(visible / 2);
    const first = Math.min(Math.floor(scroller.scrollTop / rowHeight), Math.max(0, this.total - visible));
    const start = Math.max(0, first - overscan);
    const end = Math.min(this.total, first + visible + overscan);
    if (!force && start === this.start && end === this.end) return;
    const moved = start !== this.start || end !== this.end;
    this.start = start;
    this.end = end;
    if (moved) this.options.onRange?.(start, end);
    const count = end - start;
    while (this.slots.length < count) {
      this.slots.push({ view: this.options.createRow(), index: -1, item: undefined });
    }
    for (let position = 0; position < count; position += 1) {
      const slot = this.slots[position];
      if (!slot) continue;
      const index = start + position;
      const item = this.options.itemAt(index);
      if (slot.index === index && slot.item === item) continue;
      slot.index = index;
      slot.item = item;
      slot.view.show(index, item);
    }
    this.top.style.height = `${start * rowHeight}px`;
    this.bottom.style.height = `${(this.total - end) * rowHeight}px`;
    const children = [
      ...(start > 0 ? [this.top] : []),
      ...this.slots.slice(0, count).map((slot) => slot.view.element),
      ...(end < this.total ? [this.bottom] : []),
    ];
    const same =
      children.length === this.children.length && children.every((child, i) => child === this.children[i]);
    if (!same) {
      this.children = children;
      this.options.body.replaceChildren(...children);
    }
  }
}
