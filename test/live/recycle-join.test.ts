// @vitest-environment happy-dom
/**
 * recycleRows (site/views/recycle-join.ts, issue 19: live mode's queue head moves by thousands of keys between
 * two draws): a key that stays keeps its row, a key that came takes a row whose key left, rows are created only
 * when none is free and removed when left over, document order is data order, and each row is bound to its
 * datum as d3 binds it; and setText changes a text node in place.
 */
import { select } from "d3-selection";
import { describe, expect, it } from "vitest";
import { recycleRows } from "../../site/views/recycle-join.js";
import { setText } from "../../site/views/quiet-dom.js";

function row(): HTMLElement {
  const li = document.createElement("li");
  li.className = "r";
  return li;
}

function draw(ol: HTMLElement, keys: string[]): HTMLElement[] {
  const rows = recycleRows(ol, "r", keys, (k) => k, row);
  rows.each(function (k) { this.textContent = k; });
  return rows.nodes();
}

describe("recycleRows", () => {
  it("keeps a staying key's row, reuses a leaving key's row for a new key, and orders rows as the data", () => {
    const ol = document.createElement("ol");
    const [a, b, c] = draw(ol, ["a", "b", "c"]);
    expect([...ol.children].map((e) => e.textContent)).toEqual(["a", "b", "c"]);
    // b stays; a and c leave; x and y come: no row is created or removed.
    const next = draw(ol, ["x", "b", "y"]);
    expect(next[1]).toBe(b);
    expect(new Set(next)).toEqual(new Set([a, b, c]));
    expect([...ol.children].map((e) => e.textContent)).toEqual(["x", "b", "y"]);
    // A reordering moves rows, never re-creates them.
    const moved = draw(ol, ["y", "x", "b"]);
    expect(moved).toEqual([next[2], next[0], next[1]]);
    expect([...ol.children].map((e) => e.textContent)).toEqual(["y", "x", "b"]);
  });

  it("creates rows only when none is free, removes rows left over, and binds each row's datum for d3", () => {
    const ol = document.createElement("ol");
    const other = document.createElement("p");
    ol.append(other);
    draw(ol, ["a"]);
    expect(draw(ol, ["a", "b", "c", "d"])).toHaveLength(4);
    expect(ol.querySelectorAll("li.r")).toHaveLength(4);
    const left = draw(ol, ["c"]);
    expect(ol.querySelectorAll("li.r")).toHaveLength(1);
    expect(ol.firstElementChild).toBe(other);   // other children stay where they were
    expect(select(left[0]!).datum()).toBe("c");
    expect(draw(ol, [])).toHaveLength(0);
    expect(ol.querySelectorAll("li.r")).toHaveLength(0);
  });
});

describe("setText", () => {
  it("changes the one text node in place, and falls back to textContent otherwise", () => {
    const span = document.createElement("span");
    setText(span, "one");
    const node = span.firstChild;
    setText(span, "two");
    expect(span.firstChild).toBe(node);
    expect(span.textContent).toBe("two");
    setText(span, "");
    expect(span.textContent).toBe("");
    span.append(document.createElement("b"), "x");
    setText(span, "plain");
    expect(span.textContent).toBe("plain");
    expect(span.childNodes).toHaveLength(1);
  });
});
