/** The lesson map (`/`): every lesson as a link with its check mark, the sandbox, progress export/import. */
import type { Locale, Translate } from "../i18n/index";
import type { LessonSummary } from "../lessons/index";
import { MAX_PROGRESS_FILE, ProgressFileError, type Progress } from "../storage/progress";
import { h, icon } from "./dom";

export function renderLessonMap(o: {
  t: Translate; locale: Locale; lessons: LessonSummary[]; progress: Progress; storagePanel?: HTMLElement;
}): HTMLElement {
  const { t, locale, lessons, progress } = o;
  const passed = progress.passed();
  const done = lessons.filter((l) => l.id in passed).length;
  const status = h("p", { class: "import-status", role: "status", hidden: true });
  const say = (text: string, ok: boolean) => {
    status.textContent = text;
    status.classList.toggle("bad", !ok);
    status.hidden = false;
  };
  const fileInput = h("input", { type: "file", accept: "application/json,.json", hidden: true, "data-testid": "import-file" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    if (file.size > MAX_PROGRESS_FILE) {
      // Never read: a file this size is not a progress file (issue 14: an import must not fill storage).
      say(t("progress.tooLarge", { size: `${(file.size / 1e6).toFixed(1)} MB` }), false);
      fileInput.value = "";
      return;
    }
    try {
      const r = progress.importReport(await file.text());
      const text = t("progress.imported", { n: r.passed }) +
        (r.restored > 0 ? t("progress.codeRestored", { n: r.restored }) : "") + (r.kept > 0 ? t("progress.codeKept", { n: r.kept }) : "");
      // The map re-renders on progress change; say it on the new one.
      requestAnimationFrame(() => document.querySelector(".import-status")?.replaceWith(
        h("p", { class: "import-status", role: "status" }, text)));
    } catch (e) {
      // A file that is ours but carries bad code says why; anything else is simply not a progress file.
      const reason = e instanceof ProgressFileError && /^(drafts|passing)/.test(e.message) ? e.message : undefined;
      say(reason === undefined ? t("progress.importFailed") : t("progress.importBad", { reason }), false);
    }
    fileInput.value = "";
  });
  const exportProgress = () => {
    const blob = new Blob([JSON.stringify(progress.exportFile(), null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: "informer-playground-progress.json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const list = h("ol", { class: "lesson-list", "data-testid": "lesson-list" },
    ...lessons.map((l) => {
      const ok = l.id in passed;
      return h("li", { class: "lesson-item" },
        h("a", { href: `#/lesson/${l.id}`, class: `lesson-link${ok ? " passed" : ""}`, "data-testid": "lesson-link", "data-lesson": l.id, "data-passed": String(ok) },
          h("span", { class: "lesson-num" }, l.label ?? String(l.order).padStart(2, "0")),
          h("span", { class: "lesson-text" },
            h("span", { class: "lesson-name" }, l.title[locale]),
            l.summary[locale] ? h("span", { class: "lesson-sum" }, l.summary[locale]) : null),
          h("span", { class: "lesson-meta" },
            l.demo ? h("span", { class: "tag" }, t("map.demo")) : null,
            l.minutes > 0 ? h("span", { class: "muted" }, t("map.minutes", { n: l.minutes })) : null),
          h("span", { class: `check${ok ? " on" : ""}`, title: ok ? t("map.passed") : "", "aria-label": ok ? t("map.passed") : "" }, ok ? icon("check") : null)));
    }));
  return h("main", { class: "map" },
    h("section", { class: "hero" },
      h("h1", {}, t("app.name")),
      h("p", { class: "tagline" }, t("app.tagline")),
      h("div", { class: "progress-row" },
        // Issue 21 item 12: the progress bar is named by the text beside it (axe aria-progressbar-name).
        h("div", { class: "progress-bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": lessons.length, "aria-valuenow": done, "aria-labelledby": "map-progress-text" },
          h("span", { style: `width:${lessons.length ? (100 * done) / lessons.length : 0}%` })),
        h("span", { class: "muted", id: "map-progress-text" }, t("map.progress", { done, total: lessons.length })),
        h("span", { class: "toolbar-fill" }),
        h("button", { type: "button", class: "button small", "data-testid": "export-progress", title: t("progress.export.title"), onclick: exportProgress }, t("progress.export")),
        h("button", { type: "button", class: "button small", "data-testid": "import-progress", title: t("progress.import.title"), onclick: () => fileInput.click() }, t("progress.import")),
        fileInput),
      status),
    h("h2", { class: "section-title" }, t("map.title")),
    lessons.length > 0 ? list : h("p", { class: "muted", "data-testid": "lesson-list" }, t("map.empty")),
    h("a", { href: "#/sandbox", class: "sandbox-card", "data-testid": "sandbox-link" },
      h("strong", {}, t("map.sandbox")), h("span", { class: "muted" }, t("map.sandbox.summary"))),
    h("a", { href: "#/glossary", class: "sandbox-card", "data-testid": "glossary-link" },
      h("strong", {}, t("nav.glossary")), h("span", { class: "muted" }, t("map.glossary.summary"))),
    o.storagePanel ?? null);
}
