/**
 * The stage's interface as the shell uses it: the StageHandle of site/views/stage/stage.ts (type-only, so the
 * shell's chunk does not pull the stage in) and the shape of its `mountStage`.
 */
import type { Locale } from "../i18n/index.js";
import type { StageHandle } from "../views/stage/stage.js";

export type { StageHandle };
export type MountStage = (container: HTMLElement, options: { locale: Locale; reducedMotion: boolean }) => StageHandle;
