/** The focused control of a contact row, named by the contact rather than by its DOM node. */
export interface RowFocus {
  contactId: string;
  /** Position of the control among the row's focusable controls. */
  control: number;
  element: Element;
}

const ROW = '[data-contact-id]';
const CONTROLS = 'input, a[href], button';

/**
 * The row control holding the focus inside `container`, if any. A virtualised list refills its
 * DOM rows with other records as it scrolls; taken before a refill, this says where focus belongs after it.
 */
export function focusedRowControl(container: Element): RowFocus | null {
  const active = container.ownerDocument.activeElement;
  if (!active || !container.contains(active)) return null;
  const row = active.closest(ROW);
  const contactId = row?.getAttribute('data-contact-id');
  if (!row || !contactId || !container.contains(row)) return null;
  const control = Array.from(row.querySelectorAll(CONTROLS)).indexOf(active);
  return control < 0 ? null : { contactId, control, element: active };
}

/**
 * Puts the focus back on the same control of the same contact after its rows were refilled,
 * without scrolling: keyboard users keep their place when Tab or a scroll shifts the rows. A
 * contact that left the DOM keeps focus where it was.
 */
export function refocusRowControl(container: Element, focus: RowFocus | null): void {
  if (!focus) return;
  for (const row of Array.from(container.querySelectorAll(ROW))) {
    if (row.getAttribute('data-contact-id') !== focus.contactId) continue;
    const target = row.querySelectorAll(CONTROLS)[focus.control];
    if (target instanceof HTMLElement && target !== focus.element) target.focus({ preventScroll: true });
    return;
  }
}
