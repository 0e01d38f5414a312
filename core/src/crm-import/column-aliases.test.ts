import { autoMapping, resolveMapping } from './column-aliases';

describe('import column mapping', () => {
  it('maps HubSpot export headers', () => {
    expect(
      autoMapping([
        'First Name',
        'Last Name',
        'Email',
        'Phone Number',
        'Company Name',
        'Job Title',
        'Lifecycle Stage',
        'Lead Status',
        'Favourite Colour',
      ]),
    ).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Company Name': 'companyName',
      'Job Title': 'title',
      'Lifecycle Stage': 'lifecycleStage',
      'Lead Status': 'leadStatus',
      'Favourite Colour': null,
    });
  });

  it('maps Salesforce export headers', () => {
    expect(autoMapping(['FirstName', 'LastName', 'Email', 'Title', 'Phone', 'Company', 'LeadSource'])).toEqual({
      FirstName: 'firstName',
      LastName: 'lastName',
      Email: 'email',
      Title: 'title',
      Phone: 'phone',
      Company: 'companyName',
      LeadSource: 'source',
    });
  });

  it('gives a field to the first header only', () => {
    expect(autoMapping(['Email', 'E-mail'])).toEqual({ Email: 'email', 'E-mail': null });
  });

  it('lets the user override, moving a field off its automatic column', () => {
    expect(
      resolveMapping(['Email', 'Mail Work', 'Notes'], { 'Mail Work': 'email', Notes: null, Nope: 'title' }),
    ).toEqual({
      Email: null,
      'Mail Work': 'email',
      Notes: null,
    });
  });
});
