import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApprovalSchema, type Approval } from '@cadenza/core';
import { ApprovalCard } from './approval-card';

afterEach(cleanup);

/** A pending draft as the API answers it (parsed by the same schema the API documents). */
const pending: Approval = ApprovalSchema.parse({
  id: '6f1f3a52-1c1e-4a55-9d0e-3c2b8d6f0a11',
  status: 'pending',
  enrollmentId: '0b7d8a1e-0f6e-4f0c-a3a7-2b3c4d5e6f70',
  workflowId: 'flow:t:f:c',
  nodeId: 'agent',
  testMode: false,
  flow: { id: 'f', name: 'Demo outreach' },
  contact: { id: 'c', name: 'Grace Hopper', email: 'grace@example.com' },
  draft: { subject: 'A demo for Grace?', body: 'Hi Grace,\nShall we show you around?' },
  sent: null,
  context: { research: 'Runs engineering at a Navy lab.', score: { score: 72, explanation: 'fits' } },
  reason: null,
  decidedBy: null,
  createdAt: '2026-11-28T10:00:00.000Z',
  expiresAt: '2026-12-01T10:00:00.000Z',
  decidedAt: null,
});

function renderCard(overrides: Partial<Parameters<typeof ApprovalCard>[0]> = {}) {
  const onApprove = vi.fn();
  const onReject = vi.fn();
  render(<ApprovalCard approval={pending} canDecide onApprove={onApprove} onReject={onReject} {...overrides} />);
  return { onApprove, onReject };
}

describe('approval card', () => {
  it('shows the contact, flow, research, score and the draft', () => {
    renderCard();
    const card = screen.getByRole('article', { name: 'draft for Grace Hopper' });
    expect(card.textContent).toContain('grace@example.com');
    expect(card.textContent).toContain('Demo outreach');
    expect(screen.getByText('Runs engineering at a Navy lab.')).toBeTruthy();
    expect(screen.getByText('score 72/100')).toBeTruthy();
    expect(screen.getByText('A demo for Grace?')).toBeTruthy();
  });

  it('approves the draft as it is', () => {
    const { onApprove, onReject } = renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Approve and send' }));
    expect(onApprove).toHaveBeenCalledWith();
    expect(onReject).not.toHaveBeenCalled();
  });

  it('sends an edited draft, and refuses a blank subject', () => {
    const { onApprove } = renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const subject = screen.getByLabelText('Subject');
    fireEvent.change(subject, { target: { value: '  ' } });
    expect((screen.getByRole('button', { name: 'Send edited draft' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(subject, { target: { value: 'Twenty minutes, Grace?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send edited draft' }));
    expect(onApprove).toHaveBeenCalledWith({ subject: 'Twenty minutes, Grace?', body: pending.draft.body });
  });

  it("shows the gate's verdict and the template badge", () => {
    renderCard({
      approval: {
        ...pending,
        review: { origin: 'template', modelAttempts: 2, verdict: { pass: true, failures: [] } },
      },
    });
    expect(screen.getByText('template')).toBeTruthy();
    expect(screen.getByText('checks passed')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Approve and send' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('lists the failed checks and offers only an edit for a failing draft', () => {
    const failures = [{ code: 'subject_job_title' as const, message: 'The subject "CEO" is only a job title.' }];
    const { onApprove } = renderCard({
      approval: { ...pending, review: { origin: 'model', modelAttempts: 1, verdict: { pass: false, failures } } },
    });
    expect(screen.getByText('failed 1 check')).toBeTruthy();
    expect(screen.getByText('The subject "CEO" is only a job title.')).toBeTruthy();
    const approve = screen.getByRole('button', { name: 'Approve and send' }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Twenty minutes, Grace?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send edited draft' }));
    expect(onApprove).toHaveBeenCalledWith({ subject: 'Twenty minutes, Grace?', body: pending.draft.body });
  });

  it('rejects with a reason', () => {
    const { onReject, onApprove } = renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    fireEvent.change(screen.getByLabelText('Reason (optional)'), { target: { value: 'too pushy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(onReject).toHaveBeenCalledWith('too pushy');
    expect(onApprove).not.toHaveBeenCalled();
  });

  it('offers no decision to a reader, nor on a decided draft, and shows what was sent', () => {
    renderCard({ canDecide: false });
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    renderCard({
      approval: { ...pending, status: 'approved', sent: { subject: 'Edited subject', body: 'Edited body' } },
    });
    expect(screen.queryByRole('button', { name: 'Approve and send' })).toBeNull();
    expect(screen.getByText('Edited subject')).toBeTruthy();
  });

  it('shows a proposed tool call with its input, to allow or skip, never to edit', () => {
    const proposed = ApprovalSchema.parse({
      ...pending,
      draft: { subject: 'Allow the AI agent to update field', body: '{}' },
      toolCall: { index: 1, tool: 'update_field', input: { field: 'leadStatus', value: 'connected' } },
      context: { toolCall: { index: 1, tool: 'update_field', input: {} } },
    });
    const { onApprove, onReject } = renderCard({ approval: proposed });
    const shown = screen.getByLabelText('proposed tool call');
    expect(shown.textContent).toContain('The agent asks to run: Update field');
    expect(shown.textContent).toContain('"value": "connected"');
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Allow' }));
    expect(onApprove).toHaveBeenCalledWith();
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(onReject).toHaveBeenCalledWith(undefined);
  });
});
