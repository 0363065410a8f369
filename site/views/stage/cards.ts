/**
 * The stage's middle: the card panels (reflector, queue, indexer, listeners, workqueue) in a grid, or
 * the tables in their place, inside the stage's own scroll area.
 *
 * Contract: `update(view, ctx)` titles and draws every visible card (or only the tables), outlines the
 * cards whose `stages` include the current step's stage, and brings the outlined card into view inside
 * the scroll area (never the page) once per change of outlined card — instantly under reduced motion,
 * and not while the learner points at or scrolls the cards.
 */
import type { WorldView } from "../../../src/sim/index.js";
import { revealDelta } from "../reveal.js";
import { el } from "./dom.js";
import type { PanelContext, PanelRun, StagePanel } from "./panel.js";

interface Card {
  panel: StagePanel;
  section: HTMLElement;
  h: HTMLHeadingElement;
}

export interface Cards {
  readonly el: HTMLElement;
  load(run: PanelRun): void;
  update(view: WorldView, ctx: PanelContext): void;
  showTables(on: boolean): void;
  /** Live follow mode: the newest step changes every frame, so the outlined card is not scrolled to. */
  setFollow(on: boolean): void;
}

export function createCards(cardPanels: readonly StagePanel[], tablesPanel: StagePanel, o: { reducedMotion: boolean }): Cards {
  const middle = el("div", { class: "stage-middle" });
  const grid = el("div", { class: "panels" });
  const tables = el("div", { class: "tables" });
  tables.hidden = true;
  middle.append(grid, tables);
  const cards: Card[] = cardPanels.map((panel) => {
    const section = el("section", { class: `panel p-${panel.id}` });
    const h = el("h3");
    const body = el("div", { class: "body" });
    section.append(h, body);
    grid.append(section);
    panel.mount(body);
    return { panel, section, h };
  });
  tablesPanel.mount(tables);

  /** The card last scrolled into view (scroll only when the outlined card changes). */
  let revealed: HTMLElement | null = null;
  let pointerInside = false;
  let userScrollUntil = 0;
  let follow = false;
  middle.addEventListener("pointerenter", () => { pointerInside = true; });
  middle.addEventListener("pointerleave", () => { pointerInside = false; });
  const userScrolled = () => { userScrollUntil = Date.now() + 1500; };
  middle.addEventListener("wheel", userScrolled, { passive: true });
  middle.addEventListener("touchmove", userScrolled, { passive: true });

  function reveal(): void {
    const active = cards.find((c) => !c.section.hidden && c.section.classList.contains("active"))?.section ?? null;
    if (active === revealed) return;
    revealed = active;
    if (active === null || pointerInside || Date.now() < userScrollUntil) return;
    const delta = revealDelta(middle.getBoundingClientRect(), active.getBoundingClientRect());
    if (delta === 0) return;
    const smooth = !o.reducedMotion && !(typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches);
    const top = middle.scrollTop + delta;
    if (typeof middle.scrollTo === "function") middle.scrollTo({ top, behavior: smooth ? "smooth" : "instant" });
    else middle.scrollTop = top;
  }

  return {
    el: middle,
    load(run) {
      revealed = null;
      for (const c of cards) c.panel.load?.(run);
      tablesPanel.load?.(run);
    },
    update(view, ctx) {
      for (const { panel, section, h } of cards) {
        const title = panel.title(ctx.t, ctx);
        if (h.textContent !== title) h.textContent = title;
        const hint = panel.hint?.(ctx.t, ctx);
        if (hint !== undefined && h.title !== hint) h.title = hint;
        for (const [k, v] of Object.entries(panel.attributes?.(ctx) ?? {})) {
          if (section.getAttribute(k) !== v) section.setAttribute(k, v);
        }
      }
      if (!tables.hidden) {
        tablesPanel.update(view, ctx);
      } else {
        for (const { panel, section } of cards) {
          const visible = panel.visible?.(view, ctx) ?? true;
          if (section.hidden === visible) section.hidden = !visible;
          if (visible) panel.update(view, ctx);
        }
      }
      const stage = view.stage?.stage;
      for (const { panel, section } of cards) {
        const on = stage !== undefined && panel.stages.includes(stage);
        if (section.classList.contains("active") !== on) section.classList.toggle("active", on);
      }
      if (tables.hidden && !follow) reveal();
    },
    setFollow(on) {
      follow = on;
    },
    showTables(on) {
      tables.hidden = !on;
      grid.hidden = on;
    },
  };
}
