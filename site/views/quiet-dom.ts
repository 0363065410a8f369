/**
 * Writes that skip unchanged values. d3's `.text()` and `.attr()` always write, and every write to a
 * node makes the browser recompute its style and layout; a step usually changes a handful of rows, so
 * the views write only what differs (part of the 16 ms budget with 1,000 keys queued).
 * A changed text goes into the element's one text node when it has one (`setText`): setting
 * `textContent` replaces that node, which the browser then removes from and adds to its layout tree.
 */
import type { BaseType, Selection } from "d3-selection";

/** Sets `node`'s text to `v` if it differs, in place when its only child is a text node. */
export function setText(node: Node, v: string): void {
  const only = node.firstChild;
  if (only !== null && only === node.lastChild && only.nodeType === 3) {
    if ((only as Text).data !== v) {
      if (v === "") node.textContent = "";
      else (only as Text).data = v;
    }
  } else if (node.textContent !== v) node.textContent = v;
}

export function quietText<E extends BaseType, D>(sel: Selection<E, D, BaseType, unknown>, value: (d: D) => string): void {
  sel.each(function (d) {
    setText(this as unknown as Node, value(d));
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
