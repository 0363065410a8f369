/**
 * The glossary page (`#/glossary`, `#/glossary/<term>`; issue 20 item 10): every term of
 * lessons/glossary.md (or glossary.zh-CN.md) with its definition and links to the lessons that explain
 * it, compiled at build time (tools/lessons/glossary.ts, `virtual:glossary`, its own lazy chunk). With a
 * term, that term is scrolled into view, marked and focused; an unknown term says so above the list.
 */
import type { Locale, Translate } from "../i18n/index";
import type { CompiledGlossary } from "../lessons/types";
import { h, icon } from "./dom";

export async function renderGlossary(o: { t: Translate; locale: Locale; term?: string }): Promise<HTMLElement> {
  const glossary: CompiledGlossary = (await import("virtual:glossary")).default;
  const g = glossary.locales[o.locale];
  const { t } = o;
  const known = o.term === undefined || g.terms.some((x) => x.slug === o.term);
  const page = h("main", { class: "glossary-page", "data-testid": "glossary" },
    h("nav", { class: "lesson-nav", "aria-label": t("nav.home") },
      h("a", { href: "#/", class: "crumb" }, icon("home"), h("span", {}, t("nav.home"))),
      h("span", { class: "nav-fill" }),
      h("button", { type: "button", class: "button small", onclick: () => history.back() }, icon("prev"), t("glossary.back"))),
    h("h1", {}, g.title),
    h("p", { class: "lesson-summary" }, g.summary),
    known ? null : h("p", { class: "notice", "data-kind": "warn", role: "status" }, t("glossary.unknown", { term: o.term ?? "" })),
    h("nav", { class: "glossary-index", "aria-label": t("glossary.index") },
      h("ul", {}, ...g.terms.map((x) => h("li", {}, h("a", { href: `#/glossary/${x.slug}` }, x.title))))),
    h("article", { class: "prose glossary-terms", html: g.terms.map((x) => x.html).join("") }));
  if (o.term !== undefined && known) {
    const target = page.querySelector<HTMLElement>(`#term-${CSS.escape(o.term)}`);
    target?.classList.add("current");
    requestAnimationFrame(() => {
      target?.scrollIntoView({ block: "start" });
      target?.focus({ preventScroll: true });
    });
  }
  return page;
}
