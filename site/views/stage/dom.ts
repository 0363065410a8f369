/** Small DOM helpers for the stage's own parts (the panels draw with d3). */

/** A new element with attributes and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A 16×16 icon made of one SVG path (hidden from assistive technology). */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
  p.setAttribute("d", path);
  svg.append(p);
  return svg;
}

/** A short id unique within the page (label `for`, `aria-controls`). */
export function uid(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Sets a label as both the accessible name and the tooltip. */
export function label(e: HTMLElement, text: string): void {
  if (e.getAttribute("aria-label") !== text) e.setAttribute("aria-label", text);
  if (e.title !== text) e.title = text;
}
