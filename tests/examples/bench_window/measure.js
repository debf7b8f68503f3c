// The window benchmark's page-side measurements, one WebDriver async script per step (like the
// E2E harness's steps: nothing is held across a re-render). Times are `performance.now()`
// milliseconds. "Painted" is the task queued from the `requestAnimationFrame` after a change:
// it runs once the frame showing the change has been painted. Arguments: step name, its
// arguments, the limit in ms, and WebDriver's callback. Reports `{ ok }`, `{ timeout }` or
// `{ error }`.
const [step, args, limitMs, done] = arguments;

const afterPaint = (record) => requestAnimationFrame(() => setTimeout(() => record(performance.now()), 0));
const displayed = (el) => el.isConnected && el.getClientRects().length > 0 && !el.matches(":disabled");
const firstDisplayed = (css) => [...document.querySelectorAll(css)].find(displayed);

// Calls `check` at once, after every DOM change and every 50 ms, until it returns a value.
const until = (check, why) => {
  const deadline = performance.now() + limitMs;
  let finished = false;
  const observer = new MutationObserver(() => attempt());
  const timer = setInterval(() => attempt(), 50);
  const finish = (outcome) => {
    finished = true;
    observer.disconnect();
    clearInterval(timer);
    done(outcome);
  };
  function attempt() {
    if (finished) return;
    let value;
    try {
      value = check();
    } catch (error) {
      finish({ error: String(error) });
      return;
    }
    if (value !== undefined) finish({ ok: value });
    else if (performance.now() >= deadline) finish({ timeout: why() });
  }
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  attempt();
};

// What the keys region shows: its total, its row count and its first rows' text.
const signature = () => {
  const total = document.querySelector(args.totalCss)?.textContent ?? "";
  const rows = document.querySelectorAll(args.rowCss);
  const first = [...rows].slice(0, 3).map((row) => row.textContent).join("¦");
  return `${total}|${rows.length}|${first}`;
};

const steps = {
  // When the first content was painted (the paint probe's record), with the time origin.
  firstContent: () =>
    until(
      () => {
        const probe = window.__PAINT_PROBE__;
        if (!probe || probe.firstContent === null) return undefined;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
        return { timeOrigin: performance.timeOrigin, firstContent: probe.firstContent, fcp };
      },
      () => (window.__PAINT_PROBE__ ? "nothing matched the probe's selector yet" : "the page has no paint probe"),
    ),

  // Clicks the first project as soon as one shows, then waits for its first key row.
  openProject: () => {
    const times = { timeOrigin: performance.timeOrigin, probe: window.__PAINT_PROBE__?.firstContent ?? null };
    until(
      () => {
        if (times.clickAt === undefined) {
          const project = firstDisplayed(args.projectCss);
          if (!project) return undefined;
          project.scrollIntoView({ block: "nearest" });
          times.clickAt = performance.now();
          project.click();
        }
        if (times.rowsAt === undefined && document.querySelector(args.rowCss)) {
          times.rowsAt = performance.now();
          afterPaint((at) => (times.paintedAt = at));
        }
        if (times.paintedAt === undefined) return undefined;
        times.probe = window.__PAINT_PROBE__?.firstContent ?? times.probe;
        return times;
      },
      () => (times.clickAt === undefined ? "no project showed" : "the project's keys never showed"),
    );
  },

  // Notes the next keydown and the first change of the keys region after it.
  armKeystroke: () => {
    const before = signature();
    const times = { before, keydownAt: null, changedAt: null, paintedAt: null };
    window.__BENCH_KEY__ = times;
    window.addEventListener("keydown", () => (times.keydownAt ??= performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (times.keydownAt === null || signature() === before) return;
      times.changedAt = performance.now();
      observer.disconnect();
      afterPaint((at) => (times.paintedAt = at));
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    done({ ok: before });
  },

  keystrokeResult: () =>
    until(
      () => {
        const times = window.__BENCH_KEY__;
        return times && times.paintedAt !== null ? times : undefined;
      },
      () => (window.__BENCH_KEY__?.keydownAt === null ? "no keydown arrived" : "the keys region never changed"),
    ),

  // Clicks refresh and watches the progress indicator come and go, and every frame meanwhile.
  armRefresh: () =>
    until(
      () => {
        const button = firstDisplayed(args.buttonCss);
        if (!button) return undefined;
        const times = { clickAt: null, seenAt: null, goneAt: null, paintedAt: null, frames: 0, longestGap: 0, longestTask: null };
        window.__BENCH_REFRESH__ = times;
        let last = null;
        const frame = (at) => {
          if (last !== null) times.longestGap = Math.max(times.longestGap, at - last);
          last = at;
          times.frames += 1;
          if (times.paintedAt === null) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        if ((PerformanceObserver.supportedEntryTypes ?? []).includes("longtask")) {
          times.longestTask = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) times.longestTask = Math.max(times.longestTask, entry.duration);
          }).observe({ type: "longtask" });
        }
        const observer = new MutationObserver(() => {
          const present = document.querySelector(args.progressCss) !== null;
          if (present && times.seenAt === null) times.seenAt = performance.now();
          if (!present && times.seenAt !== null && times.goneAt === null) {
            times.goneAt = performance.now();
            observer.disconnect();
            afterPaint((at) => (times.paintedAt = at));
          }
        });
        observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
        times.clickAt = performance.now();
        button.click();
        return true;
      },
      () => "the refresh button never showed",
    ),

  refreshResult: () =>
    until(
      () => {
        const times = window.__BENCH_REFRESH__;
        return times && times.paintedAt !== null ? times : undefined;
      },
      () => (window.__BENCH_REFRESH__?.seenAt === null ? "no progress ever showed" : "the refresh never ended"),
    ),
};

if (steps[step]) steps[step]();
else done({ error: `unknown step ${step}` });
