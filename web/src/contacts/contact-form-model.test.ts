import { describe, expect, it } from 'vitest';
import type { Contact, CustomFieldDefinition } from '@cadenza/core';
import { formFromContact, patchFromForm } from './contact-form-model';

const contact = {
  id: '00000000-0000-4000-8000-000000000001',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: null,
  title: null,
  companyId: null,
  companyName: null,
  ownerId: null,
  lifecycleStage: 'lead',
  leadStatus: null,
  source: null,
  timezone: null,
  tags: ['vip'],
  score: 10,
  customFields: { seats: 5, plan: 'pro' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
} as Contact;

const definitions = [
  { id: 'f1', key: 'seats', label: 'Seats', type: 'number', options: [], createdAt: '' },
  { id: 'f2', key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], createdAt: '' },
] as CustomFieldDefinition[];

describe('contact form', () => {
  it('sends only what changed, typed, with null for cleared fields', () => {
    const form = formFromContact(contact, definitions);
    const { patch, errors } = patchFromForm(
      contact,
      { ...form, title: 'Countess', email: 'ada@example.com', tags: 'vip, math', custom: { seats: '12', plan: '' } },
      definitions,
    );
    expect(errors).toEqual({});
    expect(patch).toEqual({ title: 'Countess', tags: ['vip', 'math'], customFields: { seats: 12, plan: null } });
  });

  it('names the fields that the API would refuse', () => {
    const form = formFromContact(contact, definitions);
    const { errors } = patchFromForm(
      contact,
      { ...form, email: 'not an email', lifecycleStage: 'royalty', custom: { seats: 'many', plan: 'gold' } },
      definitions,
    );
    expect(Object.keys(errors).sort()).toEqual(['customFields.plan', 'customFields.seats', 'email', 'lifecycleStage']);
    expect(errors['customFields.seats']).toBe('expects a number');
  });

  it('is an empty patch when nothing changed', () => {
    expect(patchFromForm(contact, formFromContact(contact, definitions), definitions)).toEqual({
      patch: {},
      errors: {},
    });
  });
});
