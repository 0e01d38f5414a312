import { gmailCursorText, parseGmailCursor } from './gmail-cursor';

describe('Gmail sync cursor', () => {
  it('round-trips what the sync writes', () => {
    for (const cursor of [
      { mode: 'history' as const, historyId: '12345' },
      { mode: 'full' as const, historyId: '9', pageToken: 'tok' },
    ])
      expect(parseGmailCursor(gmailCursorText(cursor))).toEqual(cursor);
  });

  it('answers null for anything else, so the sync starts over in full', () => {
    for (const text of [
      null,
      '',
      'x',
      '{}',
      '{"mode":"history","historyId":"abc"}',
      '{"mode":"delta","historyId":"1"}',
    ])
      expect(parseGmailCursor(text)).toBeNull();
  });
});
