/**
 * "Start from your lesson N code" (issue 20 item 6: one program grows). A lesson whose starter grows from
 * an earlier lesson's solution (front matter `startsFrom`) offers the learner's own code that passed that
 * lesson (site/storage/passing-code.ts) in place of the starter.
 *
 * Contract: an offer is made only when the earlier lesson is passed, its passing code is stored, the
 * editor still holds this lesson's starter (a draft of the learner's own is never replaced unasked), and
 * the passing code is not that same text. Taking it is one undoable edit (Ctrl+Z brings the starter back).
 */
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
