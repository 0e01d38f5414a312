import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { templateVariableCatalogue } from '@cadenza/core';
import { createStore } from '../store';
import { designerApi } from './designer-api';
import { PropertyPanel } from './property-panel';
import type { DesignerNode } from './designer-types';

afterEach(cleanup);

const panel = async (node: DesignerNode, apiErrors = [] as Parameters<typeof PropertyPanel>[0]['apiErrors']) => {
  const onSettingsChange = vi.fn();
  // The template editor reads the variable catalogue through the store: seeded with core's own.
  const store = createStore();
  await store.dispatch(designerApi.util.upsertQueryData('templateVariables', undefined, templateVariableCatalogue([])));
  render(
    <Provider store={store}>
      <PropertyPanel
        node={node}
        apiErrors={apiErrors}
        onSettingsChange={onSettingsChange}
        onLabelChange={() => undefined}
        onDelete={() => undefined}
      />
    </Provider>,
  );
  return onSettingsChange;
};

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('schema-driven property panel', () => {
  it('renders a field per setting of the kind, described by the zod schema, and reports edits', async () => {
    const onChange = await panel({ id: 'tag_1', type: 'add_tag', position: { x: 0, y: 0 }, settings: { tag: '' } });
    expect(screen.getByLabelText('Tag *')).toBeTruthy();
    // The empty required tag is flagged with the schema's own message, before any API call.
    expect(screen.getByText('must not be empty')).toBeTruthy();
    fireEvent.change(input('field-tag'), { target: { value: 'vip' } });
    expect(onChange).toHaveBeenLastCalledWith({ tag: 'vip' });
  });

  it('offers the variants of a discriminated union and switches to the chosen one with its defaults', async () => {
    const onChange = await panel({
      id: 'wait_1',
      type: 'wait',
      position: { x: 0, y: 0 },
      settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
    });
    const mode = input('field-$variant') as unknown as HTMLSelectElement;
    expect([...mode.options].map((option) => option.text)).toEqual(['duration', 'until_date', 'until_field']);
    expect(input('field-duration-amount').value).toBe('2');
    expect((input('field-duration-unit') as unknown as HTMLSelectElement).value).toBe('days');

    fireEvent.change(input('field-duration-amount'), { target: { value: '5' } });
    expect(onChange).toHaveBeenLastCalledWith({ mode: 'duration', duration: { amount: 5, unit: 'days' } });

    fireEvent.change(mode, { target: { value: '2' } });
    expect(onChange).toHaveBeenLastCalledWith({ mode: 'until_field', field: '' });
  });

  it('renders enums as choices, booleans as checkboxes, and leaves optional text out when cleared', async () => {
    const onChange = await panel({
      id: 'email_1',
      type: 'send_email',
      position: { x: 0, y: 0 },
      settings: { subject: 'Hi', body: 'Hello', fromName: 'Ana', trackOpens: true },
    });
    expect(screen.getByText('Add an open-tracking pixel')).toBeTruthy();
    expect(input('field-trackOpens').checked).toBe(true);
    fireEvent.click(input('field-trackOpens'));
    expect(onChange).toHaveBeenLastCalledWith({ subject: 'Hi', body: 'Hello', fromName: 'Ana', trackOpens: false });
    fireEvent.change(input('field-fromName'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ subject: 'Hi', body: 'Hello', trackOpens: true });
  });

  it('edits a branch condition with the condition builder: typed values, operators without values, groups', async () => {
    const onChange = await panel({
      id: 'branch_1',
      type: 'branch',
      position: { x: 0, y: 0 },
      settings: { condition: { field: 'contact.email', operator: 'equals', value: 'x' } },
    });
    const operator = input('field-condition-operator') as unknown as HTMLSelectElement;
    expect(operator.value).toBe('equals');
    // "is set" takes no value: the builder drops it rather than leave one the schema refuses.
    fireEvent.change(operator, { target: { value: 'is_set' } });
    expect(onChange).toHaveBeenLastCalledWith({ condition: { field: 'contact.email', operator: 'is_set' } });
    fireEvent.change(input('field-condition-value'), { target: { value: '42' } });
    expect(onChange).toHaveBeenLastCalledWith({ condition: { field: 'contact.email', operator: 'equals', value: 42 } });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(onChange).toHaveBeenLastCalledWith({
      condition: {
        all: [
          { field: 'contact.email', operator: 'equals', value: 'x' },
          { field: 'contact.email', operator: 'is_set' },
        ],
      },
    });
  });

  it('shows a nested condition group, switches all/any and removes a rule', async () => {
    const onChange = await panel({
      id: 'branch_1',
      type: 'branch',
      position: { x: 0, y: 0 },
      settings: {
        condition: {
          any: [
            { field: 'score', operator: 'gte', value: 50 },
            { all: [{ field: 'contact.title', operator: 'in', value: ['CEO', 'CTO'] }] },
          ],
        },
      },
    });
    expect(input('field-condition-any-1-all-0-value').value).toBe('CEO, CTO');
    fireEvent.change(input('field-condition-$mode'), { target: { value: 'all' } });
    expect(onChange).toHaveBeenLastCalledWith({
      condition: {
        all: [
          { field: 'score', operator: 'gte', value: 50 },
          { all: [{ field: 'contact.title', operator: 'in', value: ['CEO', 'CTO'] }] },
        ],
      },
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'remove group' })[0]!);
    // One rule left in the top group: the condition is that rule again.
    expect(onChange).toHaveBeenLastCalledWith({ condition: { field: 'score', operator: 'gte', value: 50 } });
  });

  it("edits A/B split weights and shows each output's share", async () => {
    const onChange = await panel({
      id: 'ab_split_1',
      type: 'ab_split',
      position: { x: 0, y: 0 },
      settings: {
        variants: [
          { handle: 'a', weight: 3 },
          { handle: 'b', weight: 1 },
        ],
      },
    });
    expect(screen.getByTestId('share-a').textContent).toBe('75%');
    expect(screen.getByTestId('share-b').textContent).toBe('25%');
    fireEvent.change(input('field-variants-1-weight'), { target: { value: '3' } });
    expect(onChange).toHaveBeenLastCalledWith({
      variants: [
        { handle: 'a', weight: 3 },
        { handle: 'b', weight: 3 },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add output' }));
    expect(onChange).toHaveBeenLastCalledWith({
      variants: [
        { handle: 'a', weight: 3 },
        { handle: 'b', weight: 1 },
        { handle: 'c', weight: 1 },
      ],
    });
    expect((screen.getByRole('button', { name: 'remove output a' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('inserts a picked variable at the caret of the email field last edited', async () => {
    const onChange = await panel({
      id: 'send_email_1',
      type: 'send_email',
      position: { x: 0, y: 0 },
      settings: { subject: 'Hello !', body: 'Body' },
    });
    const subject = input('field-subject');
    subject.focus();
    subject.setSelectionRange(6, 6);
    fireEvent.select(subject);
    fireEvent.click(screen.getByRole('button', { name: 'Insert variable' }));
    await act(async () => undefined);
    fireEvent.click(screen.getByText('{{contact.firstName}}'));
    expect(onChange).toHaveBeenLastCalledWith({ subject: 'Hello {{contact.firstName}}!', body: 'Body' });
    expect(screen.getByText('{{company.name}}')).toBeTruthy();
    expect(screen.getByText('{{sender.name}}')).toBeTruthy();
  });

  it('shows the API errors for the node: settings errors on their field, graph errors on top', async () => {
    await panel({ id: 'tag_1', type: 'add_tag', position: { x: 0, y: 0 }, settings: { tag: 'ok' } }, [
      { code: 'unreachable_node', message: 'tag_1 cannot be reached from the trigger', nodeId: 'tag_1' },
      { code: 'invalid_setting', message: 'tag is reserved', nodeId: 'tag_1', path: 'settings.tag' },
    ]);
    expect(screen.getByText('tag_1 cannot be reached from the trigger')).toBeTruthy();
    expect(screen.getByText('tag is reserved')).toBeTruthy();
  });
});
