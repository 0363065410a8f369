/**
 * "Start from your lesson N code" (issue 20 item 6: one program grows). A lesson whose starter grows from
 * an earlier lesson's solution (front matter `startsFrom`) offers the learner's own code that passed that
 * lesson (site/storage/passing-code.ts) in place of the starter.
 *
 * Contract: an offer is made only when the earlier lesson is passed, its passing code is stored, the
 * editor still holds this lesson's starter (a draft of the learner's own is never replaced unasked), and
 * the passing code is not that same text. Taking it is one undoable edit (Ctrl+Z brings the starter back).
 * - `startFromOffer` decides (pure); `offerStartFrom` shows the decided offer in the editor pane
 *   (data-testid "start-from-own") and, when taken, puts the code in the editor and says so.
 */
import type { Translate } from "../../i18n/index";
import type { CompiledLesson } from "../../lessons/types";
import type { PassingCode } from "../../storage/passing-code";

export interface StartFromOffer {
  /** The earlier lesson's number (its two-digit prefix) and id. */
  n: number;
  fromId: string;
  /** The code that passed it. */
  code: string;
}

export function startFromOffer(o: {
  lesson: Pick<CompiledLesson, "id" | "startsFrom"> | undefined;
  /** Every lesson id of the course. */
  ids: readonly string[];
  isPassed(id: string): boolean;
  passing: PassingCode;
  /** The code the editor opens with, and this lesson's starter. */
  current: string;
  starter: string;
}): StartFromOffer | undefined {
  const slug = o.lesson?.startsFrom;
  if (slug === undefined || o.current !== o.starter) return undefined;
  const fromId = o.ids.find((id) => id.slice(3) === slug);
  if (fromId === undefined || !o.isPassed(fromId)) return undefined;
  const passed = o.passing.load(fromId);
  if (passed === undefined || passed.code.trim() === o.current.trim()) return undefined;
  return { n: Number(fromId.slice(0, 2)), fromId, code: passed.code };
}

/** Shows the offer, if there is one, above the editor of a freshly opened lesson. */
export function offerStartFrom(o: {
  lesson: Pick<CompiledLesson, "id" | "startsFrom"> | undefined;
  ids: readonly string[];
  starter: string;
  current: string;
  t: () => Translate;
  isPassed(id: string): boolean;
  passing: PassingCode;
  editor: { setText(text: string, o: { undoable: boolean }): void };
  pane: { showOffer(text: string, label: string, testId: string, act: () => void): void; showNotice(text: string, kind: "info" | "warn"): void };
}): void {
  const offer = startFromOffer({
    lesson: o.lesson, ids: o.ids, isPassed: o.isPassed, passing: o.passing,
    current: o.current, starter: o.starter,
  });
  if (offer === undefined) return;
  const t = o.t();
  o.pane.showOffer(t("lesson.startFrom.note", { n: offer.n }), t("lesson.startFrom", { n: offer.n }), "start-from-own", () => {
    o.editor.setText(offer.code, { undoable: true });
    o.pane.showNotice(o.t()("lesson.startFrom.done", { n: offer.n }), "info");
  });
}
