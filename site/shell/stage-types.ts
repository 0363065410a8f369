/**
 * The stage's interface as the shell uses it: the StageHandle of site/views/stage/stage.ts (type-only, so the
 * shell's chunk does not pull the stage in) and the shape of its `mountStage`, which
 * stage-placeholder.ts also implements.
 */
import type { StageHandle } from "../views/stage/stage.js";

export type { StageHandle };
import type { Locale as StageLocale } from "../i18n/index.js";

export type { StageLocale };
export type MountStage = (container: HTMLElement, options: { locale: StageLocale; reducedMotion: boolean }) => StageHandle;
