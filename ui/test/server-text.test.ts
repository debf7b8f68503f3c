import { describe, expect, it } from "vitest";
import {
  describeCharacters,
  fillServerText,
  hiddenCharacters,
  inlineName,
  serverName,
  visibleText,
} from "../src/server-text";
import { createKeyRow, type RowActions } from "../src/views/key-row";
import { keyRow } from "./fixtures";

const RLO = "\u202e";
/** A project that reads "exe.png" when the override is obeyed. */
const SPOOFED = `${RLO}gnp.exe`;
/** Bidirectional controls, invisible and format characters a name may hide. */
const HIDDEN = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u3164", "\u00a0"];

function actions(overrides: Partial<RowActions> = {}): RowActions {
  return { onCopy: () => {}, onRevoke: () => {}, onEdit: () => {}, onDetails: () => {}, usageRead: () => false, fitting: null, revokeBlocked: () => null, isLost: () => false, ...overrides };
}

/** Every character of the texts under `node`, so a raw control can be looked for. */
function rawText(node: Node): string {
  return node.textContent ?? "";
}

describe("a server name with hidden characters", () => {
  it("is found to hide each bidirectional control and invisible character", () => {
    for (const character of HIDDEN) {
      expect(hiddenCharacters(`prod${character}key`), `U+${character.codePointAt(0)?.toString(16)}`).toEqual([character.codePointAt(0)]);
    }
    expect(hiddenCharacters("prod-key é 漢字 مرحبا")).toEqual([]);
    expect(describeCharacters([0x202e, 0x200b])).toBe("U+202E right-to-left override, U+200B zero-width space");
  });

  it("is shown with each hidden character as a visible escape, so an override reverses nothing", () => {
    expect(visibleText(SPOOFED)).toBe("⟨U+202E⟩gnp.exe");
    const node = document.createElement("bdi");
    const found = fillServerText(node, SPOOFED);
    expect(found).toEqual([0x202e]);
    expect(rawText(node)).toBe("⟨U+202E⟩gnp.exe");
    expect(rawText(node)).not.toContain(RLO);
    expect(node.querySelector(".hidden-char")?.textContent).toBe("⟨U+202E⟩");
    expect(node.title).toBe("⟨U+202E⟩gnp.exe");
    expect(node.dataset.hiddenChars).toBe("U+202E");
    expect(node.classList.contains("server-text")).toBe(true);
  });

  it("carries a badge whose tooltip lists the code points", () => {
    const marked = serverName(`prod${"\u200b"}-key`);
    const badge = marked.querySelector<HTMLElement>("[data-testid=hidden-chars]");
    expect(badge?.hidden).toBe(false);
    expect(badge?.textContent).toBe("hidden characters");
    expect(badge?.title).toContain("U+200B zero-width space");
    expect(marked.querySelector("bdi")?.textContent).toBe("prod⟨U+200B⟩-key");
  });

  it("inside a sentence is escaped, and isolated when it has right-to-left letters", () => {
    expect(inlineName(SPOOFED)).toBe("⟨U+202E⟩gnp.exe");
    expect(inlineName("prod-key")).toBe("prod-key");
    expect(inlineName("مفتاح")).toBe("\u2068مفتاح\u2069");
    expect(inlineName(`a\u2069b`)).toBe("a⟨U+2069⟩b");
  });
});

describe("an ordinary server name", () => {
  it("is isolated in a <bdi> and shown as it is, without a badge", () => {
    const name = serverName("Production API");
    expect(name.tagName).toBe("BDI");
    expect(name.textContent).toBe("Production API");
    expect(name.title).toBe("Production API");
  });
});

describe("a key row", () => {
  it("isolates every server name and marks one that hides characters", () => {
    const row = createKeyRow(true, actions(), () => Date.parse("2026-02-01T00:00:00Z"));
    row.show(0, keyRow(0, { projectName: SPOOFED, name: `prod-key${"\u200b"}`, ownerName: "bot" }));
    const text = rawText(row.element);
    for (const character of HIDDEN) expect(text).not.toContain(character);
    expect(row.element.querySelector("[data-testid=key-row-project]")?.textContent).toBe("⟨U+202E⟩gnp.exe");
    expect(row.element.querySelector("[data-testid=key-row-project]")?.tagName).toBe("BDI");
    expect(row.element.querySelector("[data-testid=key-row-name]")?.textContent).toBe("prod-key⟨U+200B⟩");
    expect(row.element.querySelector("[data-testid=key-row-owner]")?.tagName).toBe("BDI");
    const badge = row.element.querySelector<HTMLElement>("[data-testid=hidden-chars]");
    expect(badge?.hidden).toBe(false);
    expect(badge?.title).toContain("The project name contains");
    expect(badge?.title).toContain("U+202E right-to-left override");
    expect(badge?.title).toContain("The key name contains");

    row.show(1, keyRow(1));
    expect(row.element.querySelector<HTMLElement>("[data-testid=hidden-chars]")?.hidden).toBe(true);
    expect(row.element.querySelector("[data-testid=key-row-project]")?.textContent).toBe("Production API");
  });
});
