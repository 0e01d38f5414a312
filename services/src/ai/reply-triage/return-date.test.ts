import { extractReturnDate } from './return-date';

// A Wednesday.
const RECEIVED = new Date('2026-11-04T10:00:00Z');

describe('extractReturnDate', () => {
  it.each([
    ['I am out of the office until Monday, 12 January.', '2027-01-12'],
    ['Returning on 3 November 2027.', '2027-11-03'],
    ['back on 14 January', '2027-01-14'],
    ['I will be back on 20 November.', '2026-11-20'],
    ['returning Monday', '2026-11-09'],
    ['back Thursday', '2026-11-05'],
    ['back next Wednesday', '2026-11-11'],
    ['out of office, back on 12/20.', '2026-12-20'],
    ['Out of office until 21/07.', '2027-07-21'],
    ['out from 8/3 through 8/14', '2027-08-14'],
    ['zurück am 3. Januar', '2027-01-03'],
    ['Ich bin bis zum 3. Januar nicht im Büro.', '2027-01-03'],
    ["Je suis absent du bureau jusqu'au 5 septembre.", '2027-09-05'],
    ['Je serai de retour le lundi 2 mars.', '2027-03-02'],
    ['Estoy fuera hasta el 10 de agosto.', '2027-08-10'],
    ['away on business until January 15, 2027', '2027-01-15'],
    ['I will return on Tuesday 6th May.', '2027-05-06'],
    ['Returning 2026-11-20.', '2026-11-20'],
    ['away until the 14th', '2026-11-14'],
    ['back on the 4th', '2026-11-04'],
    ['back on the 2nd', '2026-12-02'],
    ['out until tomorrow', '2026-11-05'],
    ['on sick leave, back next week', '2026-11-09'],
    ['on parental leave until March 2027', '2027-03-01'],
    ['away from Friday 19 December, returning Monday 5 January', '2027-01-05'],
    ['Dec 1st', '2026-12-01'],
    ['I will return in early March.', '2027-03-01'],
    ['back mid-December', '2026-12-15'],
    ['away until the end of November', '2026-11-30'],
    ['on sabbatical until the end of the year', '2026-12-31'],
    ['out until the end of the month', '2026-11-30'],
  ])('%s → %s', (text, expected) => {
    expect(extractReturnDate(text, RECEIVED)).toBe(expected);
  });

  it('answers nothing when the text names no day, or only a time or a phone number', () => {
    expect(
      extractReturnDate('I am currently out of the office and will reply on my return.', RECEIVED),
    ).toBeUndefined();
    expect(extractReturnDate('Call 555-0142 at 9:14 for anything urgent.', RECEIVED)).toBeUndefined();
  });
});
