/**
 * How far a scroll container must scroll so that a child panel is in view (pure; the stage applies it
 * to its own scroll area, never to the page).
 *
 * Contract: `revealDelta(box, panel)` takes the container's and the panel's client rects and returns the
 * scrollTop change (px, positive = down): 0 when the panel is wholly visible or the container has no
 * size (not laid out); otherwise the smallest move that shows the panel's bottom without pushing its top
 * out, so a panel taller than the container shows its top. A `margin` keeps the edges off the border.
 */
export interface VerticalRect { top: number; bottom: number }

export function revealDelta(box: VerticalRect, panel: VerticalRect, margin = 4): number {
  if (box.bottom - box.top <= 0) return 0;
  const top = box.top + margin;
  const bottom = box.bottom - margin;
  if (panel.top < top) return Math.round(panel.top - top);
  if (panel.bottom > bottom) return Math.round(Math.max(0, Math.min(panel.bottom - bottom, panel.top - top)));
  return 0;
}
