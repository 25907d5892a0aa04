/** Epoch seconds when a page was rendered: visits received from then on are "new" to it. */
export function renderedAt(): number {
  return Math.floor(Date.now() / 1000);
}
