import { extractReferral } from './referral';

describe('extractReferral', () => {
  it.each([
    ['I left the company in June. Please contact jane.smith@acme.io instead.', { email: 'jane.smith@acme.io' }],
    ["I'm not the right person for this. You should talk to our Head of Sales, Maria Lopez.", { name: 'Maria Lopez' }],
    [
      "I don't handle this anymore. Tom Becker (tom.becker@initech.example) runs our sales tooling now.",
      { name: 'Tom Becker', email: 'tom.becker@initech.example' },
    ],
    [
      'John no longer works here. For sales tooling please reach out to Priya Natarajan, priya@umbrella.example.',
      { name: 'Priya Natarajan', email: 'priya@umbrella.example' },
    ],
    ["This isn't me, you probably want our CTO, David.", { name: 'David' }],
    [
      'Ich bin nicht zuständig. Bitte wenden Sie sich an Herrn Müller, mueller@beispiel.de.',
      { name: 'Müller', email: 'mueller@beispiel.de' },
    ],
    [
      'Je ne suis pas la bonne personne. Contactez plutôt Sophie Martin, sophie.martin@exemple.fr.',
      { name: 'Sophie Martin', email: 'sophie.martin@exemple.fr' },
    ],
    [
      'No soy la persona indicada. Escriba a Carlos Ruiz, carlos.ruiz@ejemplo.es.',
      { name: 'Carlos Ruiz', email: 'carlos.ruiz@ejemplo.es' },
    ],
    ['You want my colleague Ben Ortiz, he owns our CRM.', { name: 'Ben Ortiz' }],
    [
      "I'm no longer with the company as of last Friday. Please reach out to Daniel Lee going forward.",
      { name: 'Daniel Lee' },
    ],
  ])('reads %j', (text, expected) => {
    expect(extractReferral(text)).toEqual(expected);
  });

  it('answers nothing when the reply names no one', () => {
    expect(extractReferral('You have the wrong person, I work in HR.')).toBeUndefined();
    expect(extractReferral('I no longer work here. Best of luck.')).toBeUndefined();
  });
});
