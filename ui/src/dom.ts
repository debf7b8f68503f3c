// Building DOM without markup strings: every piece of text goes through textContent, so a name
// such as `<img src=x onerror=…>` is shown literally and never parsed.

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
  dataset?: Record<string, string>;
  onClick?: (event: Event) => void;
}

/** Creates an element; strings among the children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const [name, value] of Object.entries(options.dataset ?? {})) node.dataset[name] = value;
  if (options.onClick) node.addEventListener("click", options.onClick);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Node[]): void {
  parent.replaceChildren(...children);
}
