import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { FlowSettingsSchema, type Pipeline } from '@cadenza/core';
import { createStore } from '../store';
import { dealsApi, type useDealsDispatch } from '../deals/deals-api';
import { ReplyTriageSection } from './reply-triage-section';

afterEach(cleanup);

const defaults = FlowSettingsSchema.parse({}).replyTriage;
const stageId = '5f0c6d2e-8d7a-4a57-9a43-0d3c1b1f9f10';
const pipeline: Pipeline = {
  id: 'p1',
  name: 'Sales',
  stages: [{ id: stageId, pipelineId: 'p1', name: 'Meeting', probability: 40, position: 0 }],
  createdAt: '2026-12-01T00:00:00.000Z',
};

async function section(value = defaults) {
  const onChange = vi.fn();
  const store = createStore();
  // The deals endpoints are injected with their own tag types, so the store's dispatch is widened for them.
  const dispatch = store.dispatch as unknown as ReturnType<typeof useDealsDispatch>;
  await dispatch(dealsApi.util.upsertQueryData('listPipelines', undefined, [pipeline]));
  render(
    <Provider store={store}>
      <ReplyTriageSection value={value} issues={{}} open onChange={onChange} />
    </Provider>,
  );
  return onChange;
}

const box = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('reply triage settings section', () => {
  it('shows what the run does with each reading, checked as the defaults say', async () => {
    await section();
    expect(box('settings-triage-enabled').checked).toBe(true);
    expect(box('settings-triage-ooo').checked).toBe(true);
    expect(box('settings-triage-snooze-after-amount').value).toBe('90');
    expect(screen.getByText('Wrong person: create the person named and a task for the owner')).toBeTruthy();
  });

  it('reports edits as reply triage settings', async () => {
    const onChange = await section();
    fireEvent.click(box('settings-triage-ooo'));
    expect(onChange).toHaveBeenLastCalledWith({ ...defaults, outOfOffice: { ...defaults.outOfOffice, pause: false } });
    fireEvent.change(box('settings-triage-deal-stage'), { target: { value: stageId } });
    expect(onChange).toHaveBeenLastCalledWith({
      ...defaults,
      interested: { createTask: true, moveDealToStage: stageId },
    });
  });

  it('hides the details when triage is off', async () => {
    await section({ ...defaults, enabled: false });
    expect(box('settings-triage-ooo')).toBeNull();
  });
});
