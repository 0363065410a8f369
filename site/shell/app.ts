/**
 * The app shell: header (brand, locale, theme, shortcuts), the router, the lesson map and the lesson
 * view, the error area and the keyboard. Panels get `t` passed in; nothing is read from window.
 */
import { detectLocale, isLocale, translator, type Locale, type Translate } from "../i18n/index";
import { findLesson, listLessons, loadLesson, neighbours } from "../lessons/index";
import type { Runner } from "../runner/runner";
import { drafts as makeDrafts } from "../storage/drafts";
import { loadPrefs, savePrefs, type ThemeChoice } from "../storage/prefs";
import { passingCode } from "../storage/passing-code";
import { progress as makeProgress } from "../storage/progress";
import { openStore, type Store } from "../storage/store";
import { clear, h, icon } from "./dom";
import { ErrorBanner } from "./error-banner";
import { installKeyboard } from "./keyboard";
import type { LessonView } from "./lesson-view";
import type { LessonSource, RestoreState } from "./lesson/lesson-source";
import { renderLessonMap } from "./lesson-map";
import { renderLoadFailed } from "./load-failed";
import { parseRoute, type Route } from "./router";
import type { MountStage } from "./stage-types";
import { applyTheme } from "./theme";
import { downloadDrafts, renderStoragePanel } from "./storage-panel";

/** The stage is its own lazy chunk (d3 and the views), loaded when a lesson opens. */
async function loadStage(): Promise<MountStage> {
  return (await import("../views/stage/stage.js")).mountStage;
}

type LessonChunk = typeof import("./lesson-chunk");
let lessonChunk: Promise<LessonChunk> | undefined;
/** The lesson view is a lazy chunk too (./lesson-chunk.ts), loaded once: map idle, link hover/focus, lesson open. */
function loadLessonChunk(): Promise<LessonChunk> {
  return (lessonChunk ??= import("./lesson-chunk").catch((e: unknown) => { lessonChunk = undefined; throw e; }));
}

export class App {
  private readonly store: Store;
  private readonly prefs;
  private readonly drafts;
  private readonly progress;
  private locale: Locale;
  private t: Translate;
  private readonly errors: ErrorBanner;
  /** Made with the lesson chunk (it holds the Runner), then kept for the page's life. */
  private runner: Runner | undefined;
  private readonly header = h("header", { class: "app-header" });
  private readonly body = h("div", { class: "app-body" });
  private view: LessonView | undefined;
  private live: { destroy(): void } | undefined;
  private viewKey = "";
  private route: Route = { page: "map" };
  private unTheme: () => void = () => undefined;
  private readonly reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  /** The keymap's shell part (site/shell/keyboard.ts): the header's shortcuts button opens its sheet. */
  private keys: { openSheet(): void } | undefined;

  constructor(private readonly root: HTMLElement) {
    this.store = openStore();
    if (framed()) {
      // Issue 14 item 7: on a host that cannot send frame-ancestors, refuse to run inside another page.
      root.append(h("main", { class: "not-found", "data-testid": "framed" },
        h("h1", {}, translator(detectLocale(navigator.languages ?? [navigator.language]))("framed.title")),
        h("p", {}, translator(detectLocale(navigator.languages ?? [navigator.language]))("framed.body"), " ",
          h("a", { href: location.href, target: "_blank", rel: "noopener" }, location.href))));
      this.prefs = {};
      this.drafts = makeDrafts(this.store);
      this.progress = makeProgress(this.store);
      this.locale = "en";
      this.t = translator("en");
      this.errors = new ErrorBanner(() => "");
      return;
    }
    this.prefs = loadPrefs(this.store);
    this.drafts = makeDrafts(this.store);
    // export carries the code: drafts, and each lesson's passing code (issue 20 item 6; Forget clears it)
    this.progress = makeProgress(this.store, new Set(listLessons().map((l) => l.id)), this.drafts, passingCode(this.store));
    this.locale = isLocale(this.prefs.locale) ? this.prefs.locale : detectLocale(navigator.languages ?? [navigator.language]);
    this.t = translator(this.locale);
    this.errors = new ErrorBanner(() => this.t("error.dismiss"));
    document.documentElement.lang = this.locale;
    this.unTheme = applyTheme(this.prefs.theme ?? "system", (dark) => this.view?.setEditorTheme(dark));
    // A full storage never loses a draft silently: it stays in this tab's memory, and the banner offers it as a download.
    this.store.onProblem((p) => this.errors.show("storage", this.t(p === "quota" ? "error.storage.quota" : "error.storage"),
      p === "quota" ? () => downloadDrafts(this.store) : undefined));
    this.progress.onChange(() => {
      if (this.route.page === "map") this.render();
    });
    root.append(this.header, this.body);
    this.keys = installKeyboard({
      t: () => this.t,
      run: () => this.view?.runFromShortcut(),
    });
    window.addEventListener("hashchange", () => this.render());
    // A pointer over, or focus on, a lesson link fetches what that lesson needs before the click.
    const preload = (e: Event) => {
      const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[href^="#/lesson/"], a[href^="#/sandbox"]') : null;
      if (link !== null) this.preloadLesson(link.getAttribute("href") ?? "");
    };
    this.body.addEventListener("pointerover", preload);
    this.body.addEventListener("focusin", preload);
    this.render();
    // Once the first screen is up: load the lesson chunk and warm the runner.
    const idle = (cb: () => void) => ("requestIdleCallback" in window ? window.requestIdleCallback(cb, { timeout: 1500 }) : setTimeout(cb, 300));
    idle(() => void loadLessonChunk().then((chunk) => this.runnerFrom(chunk).warm(), () => undefined));
  }

  private runnerFrom(chunk: LessonChunk): Runner {
    return (this.runner ??= new chunk.Runner());
  }

  /** Starts loading the lesson chunk and one lesson's content (both cached; errors wait for the real open). */
  private preloadLesson(href: string): void {
    const route = parseRoute(href);
    if (route.page !== "lesson" && route.page !== "sandbox") return;
    void loadLessonChunk().catch(() => undefined);
    if (route.page === "lesson" && findLesson(route.id) === undefined) return;
    void loadLesson(route.page === "sandbox" ? "sandbox" : route.id).catch(() => undefined);
  }

  private dropLive(): void {
    this.live?.destroy();
    this.live = undefined;
  }

  private savePrefs = () => savePrefs(this.store, this.prefs);

  private renderHeader(): void {
    const t = this.t;
    clear(this.header);
    const localeSel = h("select", { "data-testid": "locale", "aria-label": t("header.locale"), title: t("header.locale") },
      h("option", { value: "en", selected: this.locale === "en", lang: "en" }, "English"),
      h("option", { value: "zh-CN", selected: this.locale === "zh-CN", lang: "zh-CN" }, "简体中文"));
    localeSel.addEventListener("change", () => this.setLocale(localeSel.value as Locale));
    const theme = this.prefs.theme ?? "system";
    const themeSel = h("select", { "data-testid": "theme", "aria-label": t("header.theme"), title: t("header.theme") },
      ...(["system", "light", "dark"] as const).map((v) => h("option", { value: v, selected: theme === v }, t(`theme.${v}`))));
    themeSel.addEventListener("change", () => {
      this.prefs.theme = themeSel.value as ThemeChoice;
      this.savePrefs();
      this.unTheme();
      this.unTheme = applyTheme(this.prefs.theme, (dark) => this.view?.setEditorTheme(dark));
    });
    this.header.append(
      h("a", { href: "#/", class: "brand" },
        h("span", { class: "brand-mark", "aria-hidden": "true" }, brandMark()),
        h("span", { class: "brand-name" }, t("app.name"))),
      h("span", { class: "header-fill" }),
      h("label", { class: "header-control" }, h("span", { class: "visually-hidden" }, t("header.locale")), localeSel),
      h("label", { class: "header-control" }, h("span", { class: "visually-hidden" }, t("header.theme")), themeSel),
      h("button", { type: "button", class: "icon-button", "data-testid": "shortcuts", title: `${t("header.shortcuts")} (?)`, "aria-label": t("header.shortcuts"),
        onclick: () => this.keys?.openSheet() }, icon("keyboard")),
    );
  }

  private setLocale(locale: Locale): void {
    this.locale = locale;
    this.t = translator(locale);
    this.prefs.locale = locale;
    this.savePrefs();
    document.documentElement.lang = locale;
    // Translate the storage error if it is shown.
    if (this.errors.has("storage")) this.errors.show("storage", this.t(this.store.persistent ? "error.storage.quota" : "error.storage"));
    const state = this.view?.snapshot();
    this.viewKey = "";
    void this.render(state);
  }

  private async render(restore?: RestoreState): Promise<void> {
    this.route = parseRoute(location.hash);
    const route = this.route;
    this.renderHeader();
    document.title = this.t("app.name");
    this.dropLive();
    if (route.page === "live") {
      this.view?.destroy();
      this.view = undefined;
      this.viewKey = "";
      clear(this.body);
      this.body.append(this.errors.element);
      const { mountLiveView } = await import("../live/live-view");
      if (parseRoute(location.hash).page !== "live") return;
      this.dropLive();
      clear(this.body);
      this.body.append(this.errors.element);
      const live = mountLiveView(this.locale, this.reducedMotion);
      this.live = live;
      this.body.append(live.root);
      return;
    }
    if (route.page === "glossary") {
      this.view?.destroy();
      this.view = undefined;
      this.viewKey = "";
      clear(this.body);
      this.body.append(this.errors.element);
      const { renderGlossary } = await import("./glossary-view");
      const page = await renderGlossary({ t: this.t, locale: this.locale, term: route.term });
      if (parseRoute(location.hash).page !== "glossary") return;
      clear(this.body);
      this.body.append(this.errors.element, page);
      document.title = `${this.t("nav.glossary")} · ${this.t("app.name")}`;
      if (route.term === undefined) window.scrollTo(0, 0);
      return;
    }
    if (route.page === "map") {
      this.view?.destroy();
      this.view = undefined;
      this.viewKey = "";
      clear(this.body);
      this.body.append(this.errors.element, renderLessonMap({
        t: this.t, locale: this.locale, lessons: listLessons(), progress: this.progress,
        storagePanel: renderStoragePanel({ t: this.t, store: this.store, progress: this.progress, changed: () => void this.render() }),
      }));
      window.scrollTo(0, 0);
      return;
    }
    const id = route.page === "sandbox" ? "sandbox" : route.id;
    const key = `${id}|${route.share ?? ""}`;
    if (key === this.viewKey && this.view) return;
    this.viewKey = key;
    this.view?.destroy();
    this.view = undefined;
    clear(this.body);
    this.errors.clear("share");
    let source: LessonSource;
    const summary = route.page === "lesson" ? findLesson(route.id) : undefined;
    if (route.page === "lesson" && summary === undefined) {
      this.body.append(h("main", { class: "not-found" }, h("h1", {}, this.t("lesson.notFound", { id: route.id })), h("a", { href: "#/", class: "button" }, this.t("nav.home"))));
      return;
    }
    this.body.append(h("main", { class: "loading" }, h("p", { class: "muted" }, this.t("lesson.loading"))));
    // The sandbox is lessons/sandbox (prose, starter, scenario), compiled like a lesson but outside the course.
    // A lesson without a scenario.ts runs on the sandbox's cluster; a chunk that does not arrive is said (load-failed.ts).
    const loaded = await Promise.all([loadLessonChunk(), loadLesson(id)])
      .then(async ([chunk, lesson]) => ({ chunk, lesson, scenario: lesson.scenario ?? (await loadLesson("sandbox")).scenario! }), () => undefined);
    if (this.viewKey !== key) return;
    clear(this.body);
    if (loaded === undefined) {
      this.viewKey = "";
      this.body.append(this.errors.element, renderLoadFailed(this.t));
      return;
    }
    const { chunk, lesson, scenario } = loaded;
    const share = route.share !== undefined ? chunk.decodeShare(route.share) : undefined;
    if (route.share !== undefined && share === undefined) {
      // A broken link is said, and dropped from the address bar; the learner's own code opens.
      this.errors.show("share", this.t("share.broken"));
    } else if (share?.dropped !== undefined) {
      this.errors.show("share", this.t("share.dropped", { n: share.dropped }));
    }
    const title = summary?.title ?? { en: lesson.locales.en.meta.title, "zh-CN": lesson.locales["zh-CN"].meta.title };
    source = route.page === "sandbox"
      ? { id, scenario, starter: lesson.starter, title, guide: lesson.locales, goProgramHtml: lesson.goHtml }
      : { id, lesson, scenario, starter: lesson.starter, solution: lesson.solution || undefined, title };
    document.title = `${title[this.locale]} · ${this.t("app.name")}`;
    const nb = route.page === "lesson" ? neighbours(route.id) : {};
    this.view = new chunk.LessonView(source, {
      t: () => this.t,
      locale: () => this.locale,
      drafts: this.drafts,
      progress: this.progress,
      prefs: this.prefs,
      savePrefs: this.savePrefs,
      errors: this.errors,
      runner: this.runnerFrom(chunk),
      loadStage,
      reducedMotion: this.reducedMotion,
      nav: {
        prev: nb.prev ? { id: nb.prev.id, title: nb.prev.title[this.locale] } : undefined,
        next: nb.next ? { id: nb.next.id, title: nb.next.title[this.locale] } : undefined,
      },
    }, share, restore);
    this.body.append(this.view.root);
    if (route.share !== undefined) {
      // The link did its job (or was broken): drop the payload from the address bar (the run on screen reproduces it).
      const clean = route.page === "sandbox" ? "#/sandbox" : `#/lesson/${id}`;
      this.viewKey = `${id}|`;
      history.replaceState(null, "", clean);
    }
  }
}

/** True when another page shows the app in a frame (a cross-origin parent throws on access). */
function framed(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}

function brandMark(): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "22");
  svg.innerHTML = '<circle cx="4" cy="12" r="2.6" fill="currentColor"/><circle cx="12" cy="6" r="2.6" fill="currentColor" opacity=".75"/><circle cx="12" cy="18" r="2.6" fill="currentColor" opacity=".75"/><circle cx="20" cy="12" r="2.6" fill="currentColor" opacity=".55"/><path d="M6 11 10 7.5M6 13l4 3.5M14 7.5l4 3.5M14 16.5l4-3.5" stroke="currentColor" stroke-width="1.5" fill="none" stroke-linecap="round"/>';
  return svg;
}
