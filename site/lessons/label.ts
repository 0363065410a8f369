/**
 * Lesson numbers as the course shows them (issue 20 item 7). A lesson's id is its folder, `NN-slug`; NN
 * is its place in the course. A lesson split in two keeps its number and gains a sibling with the same
 * NN (`04-deltafifo`, `04-replace-and-resync`), so no other lesson is renumbered and no id changes.
 *
 * Contract: `lessonLabels(ids)` maps every id to the number it shows: "04" for a lesson alone at its
 * number; "04a", "04b", … for lessons sharing one, lettered in id order (the order the course lists
 * them in). `shortLabel` drops the leading zero ("4b", "12"), as prose writes it ("lesson 4b").
 * Pure: no DOM, no I/O; used by the map, the lesson header and the glossary compiler.
 */
export function lessonLabels(ids: readonly string[]): Map<string, string> {
  const byNumber = new Map<string, string[]>();
  for (const id of ids) {
    const nn = id.slice(0, 2);
    byNumber.set(nn, [...(byNumber.get(nn) ?? []), id]);
  }
  const out = new Map<string, string>();
  for (const [nn, group] of byNumber) {
    const sorted = [...group].sort((a, b) => a.localeCompare(b));
    sorted.forEach((id, i) => out.set(id, sorted.length === 1 ? nn : `${nn}${String.fromCharCode(97 + i)}`));
  }
  return out;
}

/** "04b" → "4b", "12" → "12". */
export function shortLabel(label: string): string {
  return label.replace(/^0(?=\d)/, "");
}
