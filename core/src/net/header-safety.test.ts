import { headerProblem } from './header-safety';

describe('headerProblem', () => {
  it('accepts ordinary headers', () => {
    expect(headerProblem('X-Api-Key', 'abc 123')).toBeNull();
  });

  it('refuses CR/LF in values and odd names, naming the header', () => {
    expect(headerProblem('X-Note', 'a\r\nX-Admin: yes')).toMatch(/header "X-Note" contains a line break/);
    expect(headerProblem('X-Note', 'a\nb')).not.toBeNull();
    expect(headerProblem('X Bad', 'v')).toMatch(/header name "X Bad"/);
    expect(headerProblem('X-A\r\nB', 'v')).not.toBeNull();
  });
});
