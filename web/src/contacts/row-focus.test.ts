import { afterEach, describe, expect, it } from 'vitest';
import { focusedRowControl, refocusRowControl } from './row-focus';

/** Rows as the contacts grid renders them: a checkbox and a link per contact. */
function grid(ids: string[]): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = ids
    .map((id) => `<div data-contact-id="${id}"><input type="checkbox"><a href="/contacts/${id}">${id}</a></div>`)
    .join('');
  document.body.append(container);
  return container;
}

/** Refills the same DOM rows with other contacts, as a scroll does. */
function refill(container: HTMLElement, ids: string[]): void {
  container.querySelectorAll('[data-contact-id]').forEach((row, i) => {
    row.setAttribute('data-contact-id', ids[i]!);
    row.querySelector('a')!.setAttribute('href', `/contacts/${ids[i]}`);
  });
}

afterEach(() => document.body.replaceChildren());

describe('row focus', () => {
  it('follows the focused contact to the DOM row that shows it after a refill', () => {
    const container = grid(['a', 'b', 'c', 'd']);
    container.querySelectorAll('a')[2]!.focus();
    const focus = focusedRowControl(container);
    expect(focus).toMatchObject({ contactId: 'c', control: 1 });
    refill(container, ['b', 'c', 'd', 'e']);
    refocusRowControl(container, focus);
    expect(document.activeElement).toBe(container.querySelectorAll('a')[1]);
  });

  it('keeps the same kind of control: a focused checkbox stays a checkbox', () => {
    const container = grid(['a', 'b', 'c']);
    container.querySelectorAll('input')[0]!.focus();
    const focus = focusedRowControl(container);
    refill(container, ['x', 'y', 'a']);
    refocusRowControl(container, focus);
    expect(document.activeElement).toBe(container.querySelectorAll('input')[2]);
  });

  it('leaves the focus alone outside the rows or when the contact left the DOM', () => {
    const container = grid(['a', 'b']);
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    expect(focusedRowControl(container)).toBeNull();

    const link = container.querySelectorAll('a')[0]!;
    link.focus();
    const focus = focusedRowControl(container);
    refill(container, ['y', 'z']);
    refocusRowControl(container, focus);
    expect(document.activeElement).toBe(link);
  });
});
