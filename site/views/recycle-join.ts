/**
 * A keyed join that recycles rows. d3's keyed join removes the row of every key that left and creates one
 * for every key that came; when a queue's head moves by thousands of keys between two draws (live mode
 * catching up with a 10k-object list), that is every row of the card, each a new element the browser must
 * style and lay out from scratch. Here a key that stays keeps its row (as with d3), and a key that came takes
 * the row of a key that left, so only the rows' text and attributes change.
 *
 * Contract: `recycleRows(parent, className, data, key, create)` leaves exactly one element per datum among
 * `parent`'s children of class `className`, in data order (after any other children it had), each bound to
 * its datum as d3 binds data (`__data__`, so d3 selections and `.on` handlers read it), and returns the d3
 * selection of those elements in data order. A row whose key is still in `data` is the same element as
 * before; other rows are reused for new keys in document order; `create()` makes a row only when none is
 * free, and rows left over are removed. The caller writes every row's content (a reused row carries its
 * old key's text until then).
 */
import { selectAll, type Selection } from "d3-selection";

type Bound<D> = HTMLElement & { __data__?: D };

export function recycleRows<D>(parent: HTMLElement, className: string, data: readonly D[], key: (d: D) => string,
  create: () => HTMLElement): Selection<HTMLElement, D, null, undefined> {
  const old = new Map<string, Bound<D>>();
  const rows: Bound<D>[] = [];
  for (const c of parent.children) {
    const row = c as Bound<D>;
    if (row.classList.contains(className) && row.__data__ !== undefined) old.set(key(row.__data__), row);
  }
  const out: Array<Bound<D> | undefined> = data.map((d) => {
    const row = old.get(key(d));
    if (row !== undefined) old.delete(key(d));
    return row;
  });
  const free = [...old.values()];
  let next = 0;
  for (let i = 0; i < data.length; i++) {
    let row = out[i];
    if (row === undefined) {
      row = free[next++] ?? (parent.appendChild(create()) as Bound<D>);
      out[i] = row;
    }
    row.__data__ = data[i];
    rows.push(row);
  }
  for (; next < free.length; next++) free[next]!.remove();
  // Document order = data order, moving as few rows as d3's order() does (from the end, each before the next).
  for (let i = rows.length - 2; i >= 0; i--) {
    if (rows[i]!.nextElementSibling !== rows[i + 1]) parent.insertBefore(rows[i]!, rows[i + 1]!);
  }
  return selectAll<HTMLElement, D>(rows);
}
