/**
 * Resizable panes: a gutter between two panes of a CSS grid. Dragging (pointer) or arrow keys (when the
 * gutter has focus, role="separator") move it; the new fraction is reported for saving.
 *
 * Contract: the fraction `get()`/`set()` is a pane's size as a share of the container, and one pixel of
 * pointer travel changes it by 1 / the container's size. A drag moves it by how far the pointer travelled
 * since it went down (not by where the pointer is): the gutter stays under the pointer whatever lies
 * before the pane (a hidden lesson pane, a rail, the other gutter), and grabbing without moving changes
 * nothing. Values are clamped to [min, max]; `done()` is called once a drag or key press ends.
 */
export function makeGutter(gutter: HTMLElement, options: {
  orientation: "vertical" | "horizontal";
  get(): number;
  set(fraction: number): void;
  container(): HTMLElement;
  min?: number;
  max?: number;
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
    const vertical = options.orientation === "vertical";
    const size = vertical ? rect.width : rect.height;
    const from = vertical ? ev.clientX : ev.clientY;
    const start = options.get();
    const move = (e: PointerEvent) => {
      if (size <= 0) return;
      options.set(clamp(start + ((vertical ? e.clientX : e.clientY) - from) / size));
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
