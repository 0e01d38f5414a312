import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AgentToolsPicker } from './agent-tools-picker';

afterEach(cleanup);

describe('the agent tools picker', () => {
  it('offers every tool, says which need approval, and keeps the registry order', () => {
    const onChange = vi.fn();
    render(<AgentToolsPicker value={['create_task']} onChange={onChange} />);
    expect((screen.getByLabelText('Create task (changes the CRM)') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Update field (a person approves each call)')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('CRM lookup'));
    expect(onChange).toHaveBeenLastCalledWith(['crm_lookup', 'create_task']);
    fireEvent.click(screen.getByLabelText('Create task (changes the CRM)'));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it("shows the API's error for the setting", () => {
    render(<AgentToolsPicker value={['send_fax']} error='unknown agent tool "send_fax"' onChange={() => {}} />);
    expect(screen.getByText('unknown agent tool "send_fax"')).toBeTruthy();
  });
});
