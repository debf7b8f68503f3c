// Small pictures of numbers, drawn as inline SVG built node by node (no markup strings, no remote
// assets, nothing the CSP would need to allow): a sparkline for a row, daily bars for a key's
// detail panel, and stacked bars of spend per project for an organization. Colours come from
// CSS classes, so dark mode follows the stylesheet.

const SVG = "http://www.w3.org/2000/svg";

function svgNode<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A sparkline whose values can change in place (rows of the keys table are reused). */
export interface Sparkline {
  element: SVGSVGElement;
  show: (values: readonly number[] | null) => void;
}

/** Makes a `width`×`height` sparkline: a line over a soft area, or a flat dashed line for none. */
export function createSparkline(width = 96, height = 24): Sparkline {
  const element = svgNode("svg", {
    class: "sparkline",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-hidden": "false",
  });
  const area = svgNode("polygon", { class: "sparkline-area", points: "" });
  const line = svgNode("polyline", { class: "sparkline-line", points: "" });
  element.append(area, line);
  const show = (values: readonly number[] | null): void => {
    const list = values ?? [];
    const max = Math.max(0, ...list);
    element.classList.toggle("empty", max === 0);
    if (list.length === 0) {
      line.setAttribute("points", `0,${height - 1} ${width},${height - 1}`);
      area.setAttribute("points", "");
      return;
    }
    const step = list.length > 1 ? width / (list.length - 1) : width;
    const y = (v: number): number => (max === 0 ? height - 1 : height - 1 - (v / max) * (height - 3));
    const points = list.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
    line.setAttribute("points", points.join(" "));
    area.setAttribute("points", `0,${height} ${points.join(" ")} ${width},${height}`);
  };
  show(null);
  return { element, show };
}

/** Daily bars of one series, with a title per bar (the day and its value). */
export function dailyBars(values: readonly number[], labels: readonly string[], className: string, width = 280, height = 48): SVGSVGElement {
  const element = svgNode("svg", { class: `bars ${className}`, width, height, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img" });
  const max = Math.max(0, ...values);
  const slot = width / Math.max(1, values.length);
  const gap = slot > 6 ? 1.5 : 0.5;
  values.forEach((value, i) => {
    const h = max === 0 ? 0 : Math.max(value > 0 ? 1.5 : 0, (value / max) * (height - 2));
    const bar = svgNode("rect", { class: "bar", x: (i * slot + gap / 2).toFixed(1), y: (height - h).toFixed(1), width: Math.max(1, slot - gap).toFixed(1), height: h.toFixed(1) });
    const title = svgNode("title", {});
    title.textContent = labels[i] ?? "";
    bar.append(title);
    element.append(bar);
  });
  element.append(svgNode("line", { class: "baseline", x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5 }));
  return element;
}

/** One stacked series: its label and a value per day. */
export interface StackSeries {
  label: string;
  values: readonly number[];
}

/** How many distinct colours the stylesheet gives stacked series (`.stack-0` …). */
export const STACK_COLOURS = 6;

/** Stacked daily bars (one colour per series, in order), with a title per segment. */
export function stackedBars(series: readonly StackSeries[], dayLabels: readonly string[], format: (v: number) => string, width = 560, height = 120): SVGSVGElement {
  const days = dayLabels.length;
  const element = svgNode("svg", { class: "stacked-bars", width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  const totals = Array.from({ length: days }, (_, d) => series.reduce((sum, s) => sum + (s.values[d] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const slot = width / Math.max(1, days);
  for (let d = 0; d < days; d += 1) {
    let top = height;
    series.forEach((s, i) => {
      const value = s.values[d] ?? 0;
      if (value <= 0 || max === 0) return;
      const h = (value / max) * (height - 2);
      top -= h;
      const rect = svgNode("rect", { class: `stack stack-${i % STACK_COLOURS}`, x: (d * slot + 1).toFixed(1), y: top.toFixed(1), width: Math.max(1, slot - 2).toFixed(1), height: h.toFixed(1) });
      const title = svgNode("title", {});
      title.textContent = `${dayLabels[d]}: ${s.label} ${format(value)}`;
      rect.append(title);
      element.append(rect);
    });
  }
  element.append(svgNode("line", { class: "baseline", x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5 }));
  return element;
}

/** The labels of `days` days starting at `firstDay` (UTC), e.g. "Nov 3". */
export function dayLabels(firstDay: string, days: number): string[] {
  const start = Date.parse(firstDay);
  const format = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
  return Array.from({ length: days }, (_, i) => format.format(new Date(start + i * 86_400_000)));
}
