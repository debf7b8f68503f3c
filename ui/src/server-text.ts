// Names that come from the server (projects, keys, owners, service accounts, organizations) are
// shown so that they cannot disguise themselves: characters that change the direction of text or
// that are invisible are shown as visible escapes (⟨U+202E⟩) and the name is marked, and every
// name is isolated from the text around it, so "\u202egnp.exe" never reads "exe.png".

import { el } from "./dom";

/** Names of the hidden characters a name is most likely to carry; others show their code. */
const CHARACTER_NAMES: Record<number, string> = {
  0x00a0: "no-break space",
  0x00ad: "soft hyphen",
  0x061c: "Arabic letter mark",
  0x115f: "Hangul choseong filler",
  0x1160: "Hangul jungseong filler",
  0x180e: "Mongolian vowel separator",
  0x200b: "zero-width space",
  0x200c: "zero-width non-joiner",
  0x200d: "zero-width joiner",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x2028: "line separator",
  0x2029: "paragraph separator",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2060: "word joiner",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0x3164: "Hangul filler",
  0xfeff: "zero-width no-break space",
  0xffa0: "halfwidth Hangul filler",
};

/**
 * Characters a reader cannot see or that reorder the text: control and format characters
 * (bidirectional controls, zero-width characters, the byte-order mark, tags), line and
 * paragraph separators, blank look-alikes (Hangul fillers) and every space other than the
 * ordinary one.
 */
const HIDDEN_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800]/gu;

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and the other RTL blocks). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** First strong isolate … pop directional isolate: isolates a name inside a sentence. */
const FSI = "\u2068";
const PDI = "\u2069";

/** `U+202E`: a code point as the escapes and tooltips write it. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The distinct hidden characters of `text`, in the order they first appear. */
export function hiddenCharacters(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(HIDDEN_ALL)) {
    const codePoint = match[0].codePointAt(0) ?? 0;
    if (!found.includes(codePoint)) found.push(codePoint);
  }
  return found;
}

/** `U+202E right-to-left override, U+200B zero-width space`: what a tooltip lists. */
export function describeCharacters(codePoints: number[]): string {
  return codePoints
    .map((codePoint) => {
      const name = CHARACTER_NAMES[codePoint];
      return name ? `${codePointLabel(codePoint)} ${name}` : codePointLabel(codePoint);
    })
    .join(", ");
}

/** `text` with each hidden character replaced by a visible escape such as ⟨U+202E⟩. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN_ALL, (character) => `⟨${codePointLabel(character.codePointAt(0) ?? 0)}⟩`);
}

/**
 * A server name to put inside a sentence (a dialog title, a toast, a tooltip): hidden characters
 * escaped, and a name with right-to-left letters isolated so it cannot move the words around it.
 */
export function inlineName(text: string): string {
  const visible = visibleText(text);
  return RIGHT_TO_LEFT.test(visible) ? `${FSI}${visible}${PDI}` : visible;
}

/** The tooltip of a badge that marks hidden characters; `where` says which name, if several. */
export function hiddenCharactersHint(codePoints: number[], where?: string): string {
  const subject = where ? `The ${where}` : "This name";
  return `${subject} contains characters that are invisible or change the direction of text: ${describeCharacters(codePoints)}. They are shown as ⟨U+…⟩.`;
}

/**
 * Fills `node` with a server name: ordinary text as text nodes, each hidden character as a
 * visible ⟨U+…⟩ escape, and the escaped name as its tooltip. `node` should isolate its text
 * (a `<bdi>`, or the `server-text` class). Gives the hidden characters found.
 */
export function fillServerText(node: HTMLElement, text: string, tooltip = true): number[] {
  const parts: Node[] = [];
  let start = 0;
  for (const match of text.matchAll(HIDDEN_ALL)) {
    const index = match.index ?? 0;
    if (index > start) parts.push(document.createTextNode(text.slice(start, index)));
    const codePoint = match[0].codePointAt(0) ?? 0;
    parts.push(
      el("span", {
        className: "hidden-char",
        text: `⟨${codePointLabel(codePoint)}⟩`,
        title: describeCharacters([codePoint]),
      }),
    );
    start = index + match[0].length;
  }
  if (start < text.length || parts.length === 0) parts.push(document.createTextNode(text.slice(start)));
  node.replaceChildren(...parts);
  node.classList.add("server-text");
  if (tooltip) node.title = visibleText(text);
  const hidden = hiddenCharacters(text);
  if (hidden.length > 0) node.dataset.hiddenChars = hidden.map(codePointLabel).join(" ");
  else delete node.dataset.hiddenChars;
  return hidden;
}

/** A small "hidden characters" badge, hidden until [`showHiddenBadge`] finds some. */
export function hiddenBadge(): HTMLElement {
  const badge = el("span", {
    className: "tag tag-warning hidden-chars-badge",
    text: "hidden characters",
    attrs: { "data-testid": "hidden-chars" },
  });
  badge.hidden = true;
  return badge;
}

/** Shows `badge` with a tooltip naming what each listed name hides, or hides it. */
export function showHiddenBadge(badge: HTMLElement, found: { where: string; codePoints: number[] }[]): void {
  const marked = found.filter((entry) => entry.codePoints.length > 0);
  badge.hidden = marked.length === 0;
  if (marked.length === 0) {
    badge.removeAttribute("title");
    return;
  }
  badge.title = marked.map((entry) => hiddenCharactersHint(entry.codePoints, entry.where)).join("\n");
}

/**
 * A server name as an element: a `<bdi>` (isolated) with hidden characters shown as escapes,
 * followed by a "hidden characters" badge when it has any.
 */
export function serverName(text: string, className = "", testId?: string): HTMLElement {
  const name = el("bdi", { className, ...(testId ? { attrs: { "data-testid": testId } } : {}) });
  const hidden = fillServerText(name, text);
  if (hidden.length === 0) return name;
  const badge = hiddenBadge();
  showHiddenBadge(badge, [{ where: "name", codePoints: hidden }]);
  return el("span", { className: "server-name-marked" }, [name, badge]);
}
