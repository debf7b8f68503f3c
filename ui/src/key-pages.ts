// The keys of the current query, one page at a time: the table asks for the rows it shows, pages
// are fetched from Rust with `query_keys` and kept (a few at most) by page index. Every query has a
// generation number; a response to an older generation is dropped, so a slow answer to "a" can
// never overwrite the answer to "ab".

import type { CommandError, KeyPage, KeyQuery, KeyRow } from "./types";
import type { KeysView } from "./state";

/** The query without its window (offset and limit are the pager's business). */
export type KeysRequest = Omit<KeyQuery, "offset" | "limit">;

/** How `run` treats the rows shown so far. */
export interface RunOptions {
  /** Keep showing the old rows until the new query's first page arrives (no flicker). */
  keepShown: boolean;
  /**
   * Fresher data for the same query: fetch the pages in view first and stay there. Otherwise the
   * answer is a new query, fetched from its first row, and the table scrolls to the top.
   */
  keepPosition: boolean;
}

/** Rows per `query_keys` call: a few screens, well under the 256 KB an answer may weigh. */
export const KEY_PAGE_SIZE = 100;
/** Pages kept in memory; the farthest-back used are dropped first. */
const KEPT_PAGES = 20;

/** The paged rows of one organization's current key query. */
export class KeyPages {
  private pages = new Map<number, KeyRow[]>();
  private requested = new Set<number>();
  private generation = 0;
  private shown = 0;
  private scrollToTop = false;
  private request: { orgId: string; query: KeysRequest } | null = null;
  private total: number | null = null;
  private version = 0;
  private error: CommandError | null = null;
  private range = { start: 0, end: 0 };

  constructor(
    private readonly fetch: (orgId: string, query: KeyQuery) => Promise<KeyPage>,
    private readonly onChange: (view: KeysView) => void,
    readonly pageSize = KEY_PAGE_SIZE,
  ) {}

  /** Starts a query; answers to every earlier one are ignored from now on. */
  run(orgId: string, query: KeysRequest, options: RunOptions): void {
    this.generation += 1;
    this.request = { orgId, query };
    this.requested = new Set();
    this.scrollToTop = !options.keepPosition;
    if (!options.keepShown) {
      this.pages.clear();
      this.shown = this.generation;
      this.total = null;
      this.error = null;
      this.emit();
    }
    const { start, end } = options.keepPosition ? this.range : { start: 0, end: 1 };
    const first = Math.floor(start / this.pageSize);
    const last = Math.max(first, Math.floor((Math.max(end, start + 1) - 1) / this.pageSize));
    for (let page = first; page <= last; page += 1) this.load(page, this.generation);
  }

  /** Notes which rows the table draws now. */
  viewing(start: number, end: number): void {
    this.range = { start, end };
  }

  /** Forgets the query (nothing is shown). */
  clear(): void {
    this.generation += 1;
    this.request = null;
    this.pages.clear();
    this.requested = new Set();
    this.shown = this.generation;
    this.total = null;
    this.error = null;
    this.emit();
  }

  /** The row at `index`, or undefined while its page is on its way (it is requested then). */
  rowAt(index: number): KeyRow | undefined {
    const pageIndex = Math.floor(index / this.pageSize);
    const page = this.pages.get(pageIndex);
    if (page) {
      this.pages.delete(pageIndex);
      this.pages.set(pageIndex, page);
      return page[index - pageIndex * this.pageSize];
    }
    if (this.shown === this.generation && this.total !== null && index < this.total) {
      this.load(pageIndex, this.generation);
    }
    return undefined;
  }

  /** Asks again after an error. */
  retry(): void {
    if (this.request) this.run(this.request.orgId, this.request.query, { keepShown: false, keepPosition: false });
  }

  private load(pageIndex: number, generation: number): void {
    const request = this.request;
    if (!request || this.requested.has(pageIndex)) return;
    this.requested.add(pageIndex);
    const query: KeyQuery = { ...request.query, offset: pageIndex * this.pageSize, limit: this.pageSize };
    this.fetch(request.orgId, query).then(
      (page) => {
        if (generation !== this.generation) return;
        if (this.shown !== generation) {
          this.pages.clear();
          this.shown = generation;
        }
        this.pages.set(pageIndex, page.rows);
        while (this.pages.size > KEPT_PAGES) {
          const oldest = this.pages.keys().next().value;
          if (oldest === undefined) break;
          this.pages.delete(oldest);
          this.requested.delete(oldest);
        }
        this.total = page.total;
        this.error = null;
        this.emit();
      },
      (error: CommandError) => {
        if (generation !== this.generation) return;
        this.requested.delete(pageIndex);
        if (this.shown !== generation) this.pages.clear();
        this.shown = generation;
        this.error = error;
        this.emit();
      },
    );
  }

  private emit(): void {
    this.version += 1;
    this.onChange({
      total: this.total,
      version: this.version,
      shown: this.shown,
      scrollToTop: this.scrollToTop,
      error: this.error,
    });
  }
}
