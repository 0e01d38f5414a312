import { replyBody } from './reply-text';

describe('replyBody', () => {
  it('drops a Gmail quote, including a header wrapped over two lines', () => {
    expect(
      replyBody(
        'Sounds good, call me Friday.\n\nOn Tue, Nov 4, 2026 at 9:14 AM Sam Sales <sam@cadenza.example> wrote:\n> Interested in a call?\n> Sam',
      ),
    ).toBe('Sounds good, call me Friday.');
    expect(
      replyBody(
        'Yes please.\n\nOn Tue, Nov 4, 2026 at 9:14 AM Sam Sales <\nsam@cadenza.example> wrote:\n> If not the right person, who?',
      ),
    ).toBe('Yes please.');
  });

  it('drops an Outlook From/Sent block, an Original Message block and the underscore rule', () => {
    expect(
      replyBody(
        'No thanks.\n\nFrom: Sam Sales <sam@cadenza.example>\nSent: Tuesday, November 4, 2026 9:14 AM\nSubject: Quick question\n\nWould you be interested?',
      ),
    ).toBe('No thanks.');
    expect(replyBody('Ping me in Q3.\n-----Original Message-----\nFrom: Sam\nunsubscribe here')).toBe('Ping me in Q3.');
    expect(replyBody('Not now.\n________________________________\nFrom: Sam Sales\nSent: 4/11/2026')).toBe('Not now.');
  });

  it('drops German and French quote headers', () => {
    expect(replyBody('Gerne.\n\nAm 04.11.2026 um 09:14 schrieb Sam Sales <sam@cadenza.example>:\n> Hallo')).toBe(
      'Gerne.',
    );
    expect(replyBody('Oui.\n\nLe mar. 4 nov. 2026 à 09:14, Sam Sales <sam@cadenza.example> a écrit :\n> Bonjour')).toBe(
      'Oui.',
    );
  });

  it('drops "> " lines left anywhere', () => {
    expect(replyBody('> would you like a demo?\nYes, Tuesday.\n> Sam')).toBe('Yes, Tuesday.');
  });

  it('drops the signature, the mobile footer and the disclaimer', () => {
    expect(replyBody('Call me.\n\n-- \nJens Hoffmann\nLeiter Vertrieb')).toBe('Call me.');
    expect(replyBody('Call me.\n\nSent from my iPhone')).toBe('Call me.');
    expect(
      replyBody(
        'Remove me.\n\nCONFIDENTIALITY NOTICE: If you are not the intended recipient, please notify the sender.',
      ),
    ).toBe('Remove me.');
  });

  it('ends the message at a sign-off line, unless the sign-off is the whole reply', () => {
    expect(replyBody('Hi Sam,\n\nLet us talk Monday.\n\nBest regards,\nMaria Lopez\nHead of Marketing')).toBe(
      'Hi Sam,\n\nLet us talk Monday.',
    );
    expect(replyBody('Thanks!')).toBe('Thanks!');
    expect(replyBody('Thank you,\n\nOn Mon, Nov 3, 2026 Sam wrote:\n> hi')).toBe('Thank you,');
  });

  it('keeps a reply that is all quote rather than answering nothing', () => {
    expect(replyBody('> only a quote')).toBe('> only a quote');
  });

  it('keeps the text of a bounce up to the original message', () => {
    expect(
      replyBody(
        'Delivery to the following recipient failed permanently:\n\n  jo@acme.io\n\n----- Original message -----\nSubject: hi',
      ),
    ).toBe('Delivery to the following recipient failed permanently:\n\n  jo@acme.io');
  });
});
