/**
 * Resizable panes: a gutter between two panes of a CSS grid. Dragging (pointer) or arrow keys (when the
 * gutter has focus, role="separator") move it; the new fraction is reported for saving.
 */
export function makeGutter(gutter: HTMLElement, options: {
  orientation: "vertical" | "horizontal";
  get(): number;
  set(fraction: number): void;
  container(): HTMLElement;
  min?: number;
  max?: number;
  /** Fraction of the container where this gutter's pane starts (for a second gutter). */
  offset?(): number;
  done?(): void;
}): void {
  const min = options.min ?? 0.12;
  const max = options.max ?? 0.7;
  const clamp = (f: number) => Math.min(max, Math.max(min, f));
  gutter.setAttribute("role", "separator");
  gutter.setAttribute("tabindex", "0");
  gutter.setAttribute("aria-orientation", options.orientation);
  const update = () => gutter.setAttribute("aria-valuenow", String(Math.round(options.get() * 100)));
  update();
  gutter.addEventListener("pointerdown", (ev) => {
    ev.preventDefault();
    gutter.setPointerCapture(ev.pointerId);
    gutter.classList.add("dragging");
    const rect = options.container().getBoundingClientRect();
    const move = (e: PointerEvent) => {
      const f = options.orientation === "vertical"
        ? (e.clientX - rect.left) / rect.width - (options.offset?.() ?? 0)
        : (e.clientY - rect.top) / rect.height - (options.offset?.() ?? 0);
      options.set(clamp(f));
      update();
    };
    const up = () => {
      gutter.classList.remove("dragging");
      gutter.removeEventListener("pointermove", move);
      gutter.removeEventListener("pointerup", up);
      options.done?.();
    };
    gutter.addEventListener("pointermove", move);
    gutter.addEventListener("pointerup", up);
  });
  gutter.addEventListener("keydown", (ev) => {
    const dec = options.orientation === "vertical" ? "ArrowLeft" : "ArrowUp";
    const inc = options.orientation === "vertical" ? "ArrowRight" : "ArrowDown";
    if (ev.key !== dec && ev.key !== inc) return;
    ev.preventDefault();
    ev.stopPropagation();
    options.set(clamp(options.get() + (ev.key === inc ? 0.02 : -0.02)));
    update();
    options.done?.();
  });
}
