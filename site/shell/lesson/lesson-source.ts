/**
 * What a LessonView (site/shell/lesson-view.ts) is opened with: the lesson or sandbox it shows
 * (`LessonSource`), the app services it uses (`LessonViewDeps`), and what a re-mount carries over
 * (`RestoreState`, e.g. on a locale switch).
 *
 * Contract: types only; the app (site/shell/app.ts) builds them, the view and its parts read them.
 */
import type { Scenario, TimedOp } from "../../../src/scenario/index.js";
import type { Locale, Translate } from "../../i18n/index";
import type { CompiledLocale, LoadedLesson } from "../../lessons/index";
import type { Runner } from "../../runner/runner";
import type { Drafts } from "../../storage/drafts";
import type { Prefs } from "../../storage/prefs";
import type { Progress } from "../../storage/progress";
import type { ErrorBanner } from "../error-banner";
import type { MountStage } from "../stage-types";

export interface LessonSource {
  /** "sandbox" for the free playground. */
  id: string;
  lesson?: LoadedLesson;
  scenario: Scenario;
  starter: string;
  solution?: string;
  title: Record<Locale, string>;
  /** The sandbox's reading pane, per locale (lessons/sandbox/lesson*.md: summary and prose); lessons have `lesson`. */
  guide?: Record<Locale, CompiledLocale>;
  /** The sandbox's go.md as HTML: its starter as a Go program (the "Same program in Go" tab; nothing to unlock). */
  goProgramHtml?: string;
}

export interface LessonViewDeps {
  t: () => Translate;
  locale: () => Locale;
  drafts: Drafts;
  progress: Progress;
  prefs: Prefs;
  savePrefs(): void;
  errors: ErrorBanner;
  runner: Runner;
  loadStage(): Promise<MountStage>;
  reducedMotion: boolean;
  nav: { prev?: { id: string; title: string }; next?: { id: string; title: string } };
}

export interface RestoreState {
  code: string;
  actions: TimedOp[];
  step: number;
  hintsShown: number;
  solutionShown: boolean;
}
