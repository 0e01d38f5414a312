import { describe, expect, it } from 'vitest';
import { applyPreset, assignColumn, detectPreset } from './import-presets';

const hubspotHeaders = ['First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Favourite Colour'];
const salesforceHeaders = ['FirstName', 'LastName', 'Email', 'Company', 'LeadSource', 'Status'];

describe('applyPreset', () => {
  it("maps a CRM's own column names and ignores the rest", () => {
    expect(applyPreset(hubspotHeaders, 'hubspot')).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Company Name': 'companyName',
      'Favourite Colour': null,
    });
    expect(applyPreset(salesforceHeaders, 'salesforce')).toMatchObject({
      Company: 'companyName',
      Status: 'leadStatus',
    });
  });

  it('gives a field to the first column that names it only', () => {
    expect(applyPreset(['Phone Number', 'Mobile Phone Number'], 'hubspot')).toEqual({
      'Phone Number': 'phone',
      'Mobile Phone Number': null,
    });
  });
});

describe('detectPreset', () => {
  it('recognises each export by its header row', () => {
    expect(detectPreset(hubspotHeaders)).toBe('hubspot');
    expect(detectPreset(salesforceHeaders)).toBe('salesforce');
    expect(detectPreset(['Correo', 'Email'])).toBeNull();
  });
});

describe('assignColumn', () => {
  it('moves a field from the column that had it', () => {
    expect(assignColumn({ A: 'email', B: null, C: 'title' }, 'B', 'email')).toEqual({
      A: null,
      B: 'email',
      C: 'title',
    });
    expect(assignColumn({ A: 'email' }, 'A', null)).toEqual({ A: null });
  });
});
