/**
 * What the stage watches outside itself: its own and the timeline's size (a ResizeObserver) and the
 * colour scheme (the OS preference and the app's `data-theme`), so the canvas is redrawn with the
 * right size and colours and the diagram switches to its compact layout under 720 px.
 *
 * Contract: `onCanvas()` when the canvas's size or the theme changed; `onWidth(w)` when the stage's
 * width crossed 720 px (or was first measured). `stop()` disconnects everything.
 */
export function watchStage(root: HTMLElement, canvas: HTMLCanvasElement, o: { onCanvas(): void; onWidth(width: number): void }): { stop(): void } {
  let lastCanvas = "";
  let known = 0;
  const ro = typeof ResizeObserver === "function" ? new ResizeObserver(() => {
    const size = `${canvas.clientWidth}x${canvas.clientHeight}`;
    if (size !== lastCanvas) {
      lastCanvas = size;
      o.onCanvas();
    }
    const w = root.clientWidth;
    const crossed = (w < 720) !== (known < 720) || known === 0;
    known = w;
    if (crossed) o.onWidth(w);
  }) : null;
  ro?.observe(canvas);
  ro?.observe(root);
  const scheme = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  const onScheme = () => o.onCanvas();
  scheme?.addEventListener?.("change", onScheme);
  const themeObserver = typeof MutationObserver === "function" ? new MutationObserver(onScheme) : null;
  themeObserver?.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return {
    stop() {
      ro?.disconnect();
      scheme?.removeEventListener?.("change", onScheme);
      themeObserver?.disconnect();
    },
  };
}
