import { isAutoReply } from './auto-reply';

const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('isAutoReply', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'Re: Quick question'],
    [{ 'auto-submitted': 'auto-generated' }, 'Re: Quick question'],
    [{ 'x-autoreply': 'yes' }, 'Re: Quick question'],
    [{ 'x-autorespond': 'Vacation' }, 'Re: Quick question'],
    [{ precedence: 'auto_reply' }, 'Re: Quick question'],
    [{ precedence: 'Bulk' }, 'Re: Quick question'],
    [{ 'x-auto-response-suppress': 'All' }, 'Re: Quick question'],
    [{}, 'Out of Office: Re: Quick question'],
    [{}, 'Automatic reply: Quick question'],
    [{}, 'Abwesenheit: Quick question'],
    [{}, 'Réponse automatique : Quick question'],
  ])('recognises %j / %s', (entries, subject) => {
    expect(isAutoReply(headers(entries), subject)).toBe(true);
  });

  it.each([
    [{ 'auto-submitted': 'no' }, 'Re: Quick question'],
    [{ precedence: 'first-class' }, 'Re: Quick question'],
    [{}, 'Re: Quick question'],
    [{}, 'Re: Out of office supplies for the team'],
    [{}, null],
  ])('lets a person answer: %j / %s', (entries, subject) => {
    expect(isAutoReply(headers(entries), subject)).toBe(false);
  });
});
