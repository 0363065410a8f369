/**
 * Writes that skip unchanged values. d3's `.text()` and `.attr()` always write, and every write to a
 * node makes the browser recompute its style and layout; a step usually changes a handful of rows, so
 * the views write only what differs (part of the 16 ms budget with 1,000 keys queued).
 */
import type { BaseType, Selection } from "d3-selection";

export function quietText<E extends BaseType, D>(sel: Selection<E, D, BaseType, unknown>, value: (d: D) => string): void {
  sel.each(function (d) {
    const node = this as unknown as Node;
    const v = value(d);
    if (node.textContent !== v) node.textContent = v;
  });
}

export function quietAttr<E extends BaseType, D>(sel: Selection<E, D, BaseType, unknown>, name: string, value: (d: D) => string | null): void {
  sel.each(function (d) {
    const node = this as unknown as Element;
    const v = value(d);
    if (v === null) {
      if (node.hasAttribute(name)) node.removeAttribute(name);
    } else if (node.getAttribute(name) !== v) {
      node.setAttribute(name, v);
    }
  });
}

export function quietClass<E extends BaseType, D>(sel: Selection<E, D, BaseType, unknown>, name: string, on: (d: D) => boolean): void {
  sel.each(function (d) {
    const node = this as unknown as Element;
    const v = on(d);
    if (node.classList.contains(name) !== v) node.classList.toggle(name, v);
  });
}
