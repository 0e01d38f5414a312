import { checkDraft, describeVerdict, inventedNames, notesAreUsable, type DraftFacts } from './draft-gate';

const facts: DraftFacts = {
  firstName: 'Priya',
  lastName: 'Nair',
  company: 'Northwind Logistics',
  title: 'VP Sales',
  senderName: 'Sam Sales',
  known: ['Follow up with Priya, VP Sales, who showed interest in automating sales outreach'],
};

const codes = (draft: { subject: string; body: string }) => checkDraft(draft, facts).failures.map((f) => f.code);

const good = {
  subject: 'Automating outreach at Northwind Logistics',
  body: [
    'Hi Priya,',
    '',
    'Thanks for your interest in automating sales outreach. Teams like yours at Northwind Logistics often spend hours each week on follow-ups that could run on their own.',
    '',
    'Would you have 15 minutes this week for a short call?',
    '',
    'Best,',
    'Sam Sales',
  ].join('\n'),
};

describe('checkDraft', () => {
  it('passes an email a marketer would send', () => {
    const verdict = checkDraft(good, facts);
    expect(verdict).toEqual({ pass: true, failures: [] });
    expect(describeVerdict(verdict)).toBe('passed the quality checks');
  });

  it('fails a research step that echoes its prompt and the JSON of the record (seen in the demo)', () => {
    const echoed = {
      subject: 'Priya Nair',
      body: 'You are a sales researcher. From the CRM record and recent activity, write two short sentences.\nContact: {"firstName": "Priya", "lastName": "Nair"}',
    };
    expect(codes(echoed)).toContain('prompt_echo');
  });

  it('fails a body repeated to the token limit (seen in the demo)', () => {
    const repeated = {
      subject: 'A quick hello for Priya',
      body: 'I am a great listener and I would love to hear from you. '.repeat(8),
    };
    expect(codes(repeated)).toContain('repetition');
  });

  it('fails a subject that is only a job title (seen in the demo: "CEO", "Account Executive")', () => {
    expect(codes({ ...good, subject: 'Account Executive' })).toContain('subject_job_title');
    expect(codes({ ...good, subject: 'VP Sales' })).toContain('subject_job_title');
    expect(codes({ ...good, subject: 'CEO' })).toEqual(expect.arrayContaining(['subject_job_title', 'subject_length']));
  });

  it('fails bodies that are too short or too long', () => {
    expect(codes({ ...good, body: 'Hi Priya, call me.' })).toContain('body_length');
    const long = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} about outreach tools here.`).join(' ');
    expect(codes({ ...good, body: long })).toContain('body_length');
  });

  it('fails leaked placeholders in any of their shapes', () => {
    for (const leak of ['{{contact.firstName}}', '[Name]', '<company>', '{company}'])
      expect(codes({ ...good, body: good.body.replace('Northwind Logistics', leak) })).toContain('placeholder');
  });

  it('fails a greeting to someone other than the contact, and names the record does not hold', () => {
    expect(codes({ ...good, body: good.body.replace('Hi Priya', 'Hi John') })).toContain('wrong_greeting');
    const invented = { ...good, body: good.body.replace('Northwind Logistics', 'Acme Corp') };
    expect(codes(invented)).toEqual(['invented_name']);
    expect(checkDraft(invented, facts).failures[0]!.message).toContain('"Acme"');
  });

  it('accepts greetings by full name or to the team', () => {
    expect(codes({ ...good, body: good.body.replace('Hi Priya', 'Dear Priya Nair') })).toEqual([]);
    expect(codes({ ...good, body: good.body.replace('Hi Priya', 'Hello there') })).toEqual([]);
  });

  it('fails generic filler that names nobody it should', () => {
    const filler = { subject: 'Sales', body: 'Sales is a very important part of your business.' };
    expect(codes(filler)).toEqual(['subject_length', 'not_personal', 'subject_job_title']);
  });
});

describe('inventedNames', () => {
  it('lets through sentence starters, calendar words and the record, and catches the rest', () => {
    expect(inventedNames('Would Tuesday work? I saw Northwind is hiring. Thanks, Sam', facts)).toEqual([]);
    expect(inventedNames("I met Jennifer at Globex's booth", facts)).toEqual(['Jennifer', 'Globex']);
  });

  it('reads a name with digits whole, as the record is read: the record\'s "Web3Labs" is known, "Web" alone is not', () => {
    const digits = { ...facts, company: 'Web3Labs', firstName: 'Quillon7f3a' };
    expect(inventedNames('Hi Quillon7f3a, I saw Web3Labs is hiring.', digits)).toEqual([]);
    expect(inventedNames('I saw Web4Labs is hiring.', digits)).toEqual(['Web4Labs']);
  });
});

describe('notesAreUsable', () => {
  it("refuses the research step's echoed prompt and looping text, and keeps real notes", () => {
    expect(notesAreUsable('You are a sales researcher. Contact:\n{"firstName": "Priya"}')).toBe(false);
    expect(notesAreUsable('She is a great listener. '.repeat(6))).toBe(false);
    expect(notesAreUsable('')).toBe(false);
    expect(notesAreUsable('Priya runs sales at Northwind Logistics and opened the last two emails.')).toBe(true);
  });
});
