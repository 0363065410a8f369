/**
 * The stage's interface as the shell uses it: the StageHandle of site/views/stage.ts (type-only, so the
 * shell's chunk does not pull the stage in) and the shape of its `mountStage`, which
 * stage-placeholder.ts also implements.
 */
import type { StageHandle } from "../views/stage.js";

export type { StageHandle };
export type StageLocale = "en" | "zh-CN";
export type MountStage = (container: HTMLElement, options: { locale: StageLocale; reducedMotion: boolean }) => StageHandle;
