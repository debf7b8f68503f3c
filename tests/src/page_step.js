// One harness step, run inside the page as a WebDriver async script. It polls until the step's
// condition holds and then acts or reads in that same turn of the page's event loop, so no
// element is ever held across a re-render. Arguments: the step's name, its arguments, the limit
// in milliseconds, and WebDriver's callback. Reports `{ ok: value }`, `{ timeout: why }` or
// `{ error: message }` (a bad selector fails at once instead of waiting).
const [step, args, limitMs, done] = arguments;

const describe = (node) => {
  if (!node) return "nothing";
  const testid = node.getAttribute && node.getAttribute("data-testid");
  const classes = node.classList && node.classList.length ? "." + [...node.classList].join(".") : "";
  return `<${node.localName}${testid ? ` data-testid="${testid}"` : ""}${classes}>`;
};

const all = (css) => [...document.querySelectorAll(css)];

// Why a person could not act on `el` right now, or null when they could.
const blocked = (el) => {
  if (!el.isConnected) return "it left the page";
  if (el.getClientRects().length === 0) return "it is not displayed";
  const style = getComputedStyle(el);
  if (style.visibility === "hidden") return "it is hidden";
  if (el.matches(":disabled") || el.getAttribute("aria-disabled") === "true") return "it is disabled";
  if (el.closest("[data-armed]")?.getAttribute("data-armed") === "false") return "its dialog is not armed yet";
  // The topmost open dialog (the last one opened: a confirm over a reveal) is the one in front.
  let modal = null;
  try {
    modal = all("dialog:modal").pop() ?? null;
  } catch {
    modal = all("dialog[open]").pop() ?? null;
  }
  if (modal && !modal.contains(el)) return `an open dialog ${describe(modal)} covers it`;
  return null;
};

// The element's centre when it is in view and nothing covers it; scrolls it into view otherwise.
const centre = (el) => {
  const rect = el.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const hit = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
  if (hit && (hit === el || el.contains(hit))) return { x, y, rect };
  el.scrollIntoView({ block: "center", inline: "nearest" });
  return { covered: hit ? `${describe(hit)} covers its centre` : "it is out of view" };
};

// The first element matching `css` that a person could act on, with its centre.
const actionable = (state) => {
  const found = all(args.css);
  if (found.length === 0) return void (state.why = "nothing matches");
  for (const el of found) {
    const why = blocked(el);
    if (why) {
      state.why = why;
      continue;
    }
    const spot = centre(el);
    if (spot.covered) {
      state.why = spot.covered;
      continue;
    }
    return { el, ...spot };
  }
  return undefined;
};

const textOf = (el) => el.textContent ?? "";

const textMatches = (text, want) =>
  (want.exactly === null || text === want.exactly) &&
  (!want.nonEmpty || text.trim() !== "") &&
  want.containing.every((part) => text.includes(part)) &&
  want.otherThan.every((other) => text !== other);

const steps = {
  present: () => (document.querySelector(args.css) ? true : undefined),
  gone: (state) => {
    const left = all(args.css);
    state.why = `${left.length} still match, first ${describe(left[0])}`;
    return left.length === 0 ? true : undefined;
  },
  count: (state) => {
    const count = all(args.css).length;
    state.why = `${count} match`;
    return count === args.count ? true : undefined;
  },
  countNow: () => all(args.css).length,
  texts: () => {
    const found = all(args.css);
    return found.length ? found.map(textOf) : undefined;
  },
  attributes: () => {
    const found = all(args.css);
    return found.length ? found.map((el) => el.getAttribute(args.name) ?? "") : undefined;
  },
  cells: () => {
    const rows = all(args.css);
    if (rows.length === 0) return undefined;
    return rows.map((row) => args.cells.map((cell) => textOf(row.querySelector(cell) ?? document.createElement("i"))));
  },
  textMatching: (state) => {
    const texts = all(args.css).map(textOf);
    state.why = texts.length ? `its text is ${JSON.stringify(texts[0].slice(0, 200))}` : "nothing matches";
    return texts.find((text) => textMatches(text, args.want));
  },
  click: (state) => {
    const target = actionable(state);
    if (!target) return undefined;
    // An armed dialog counts only presses that begin on its buttons: leave those to the pointer.
    if (target.el.closest("[data-armed]")) return "pointer";
    for (let i = 0; i < (args.times ?? 1); i += 1) target.el.click();
    return true;
  },
  // The centre of a settled, uncovered element, for a real pointer click right after.
  pointAt: (state) => {
    const target = actionable(state);
    if (!target) return undefined;
    const { x, y, rect } = target;
    const same = state.rect && state.rect.x === rect.x && state.rect.y === rect.y && state.rect.width === rect.width;
    state.rect = rect;
    if (!same) return void (state.why = "it is still moving");
    // Watch whether the press that follows reaches this element: the page may still move it
    // (a toast leaving, a row arriving) between this step and the pointer's arrival.
    window.__harnessPress = { el: target.el, hit: false };
    if (!window.__harnessPressWatch) {
      window.__harnessPressWatch = true;
      document.addEventListener("pointerdown", (event) => {
        const press = window.__harnessPress;
        if (press && event.isTrusted && event.target instanceof Node && press.el.contains(event.target)) press.hit = true;
      }, true);
    }
    return { x: Math.round(x), y: Math.round(y) };
  },
  // Picks an option of a settled <select> (or a date in an <input>) as a person would, then fires
  // the events a person's choice fires. Native pickers are not driven: WebKitGTK draws them
  // outside the page, where WebDriver cannot reach.
  choose: (state) => {
    const found = all(args.css);
    if (found.length === 0) return void (state.why = "nothing matches");
    const el = found.find((candidate) => !blocked(candidate));
    if (!el) return void (state.why = blocked(found[0]));
    if (el.localName === "select" && ![...el.options].some((option) => option.value === args.value)) {
      return void (state.why = `it has no option ${JSON.stringify(args.value)}`);
    }
    el.focus();
    el.value = args.value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  },
  focus: (state) => {
    const found = all(args.css);
    if (found.length === 0) return void (state.why = "nothing matches");
    const el = found.find((candidate) => !blocked(candidate));
    if (!el) return void (state.why = blocked(found[0]));
    el.focus();
    if (document.activeElement !== el) return void (state.why = "it does not take focus");
    if (typeof el.value === "string" && typeof el.setSelectionRange === "function") {
      try {
        el.setSelectionRange(el.value.length, el.value.length);
      } catch {
        // Inputs such as type=email have no caret to place.
      }
    }
    return true;
  },
};

const check = steps[step];
const state = { why: "" };
const deadline = performance.now() + limitMs;
const tick = () => {
  let value;
  try {
    value = check(state);
  } catch (error) {
    if (error instanceof DOMException && error.name === "SyntaxError") {
      done({ error: `not a valid selector: ${error.message}` });
      return;
    }
    state.why = String(error);
  }
  if (value !== undefined) done({ ok: value });
  else if (performance.now() >= deadline) done({ timeout: state.why || "the condition never held" });
  else setTimeout(tick, 20);
};
if (check) tick();
else done({ error: `unknown step ${step}` });
