/**
 * Whether a scroller is close enough to its end that the next page should load now: lists
 * that page as they scroll (the outbox, a deals column) ask on every scroll event.
 */
export const nearEnd = (element: Pick<HTMLElement, 'scrollTop' | 'scrollHeight' | 'clientHeight'>, margin = 200) =>
  element.scrollHeight - element.scrollTop - element.clientHeight <= margin;
