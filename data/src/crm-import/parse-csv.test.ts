import { parseCsv } from './parse-csv';

const fail = (text: string) => {
  try {
    parseCsv(text);
  } catch (error) {
    return error as { code: string; status: number; details: { line: number } };
  }
  throw new Error('expected a failure');
};

describe('parseCsv', () => {
  it('reads headers and rows with the line each row starts on', () => {
    expect(parseCsv('\uFEFFEmail, Name \na@x.io,"Ann\nLee"\n\nb@x.io,Bob\n')).toEqual({
      headers: ['Email', 'Name'],
      rows: [
        { line: 2, cells: ['a@x.io', 'Ann\nLee'] },
        { line: 5, cells: ['b@x.io', 'Bob'] },
      ],
    });
  });

  it('rejects a row with the wrong column count, naming its line', () => {
    expect(fail('a,b\n1,2\n3\n')).toMatchObject({ code: 'malformed_csv', status: 400, details: { line: 3 } });
  });

  it('rejects an unclosed quote', () => {
    expect(fail('a,b\n1,"2\n3,4\n')).toMatchObject({ code: 'malformed_csv', details: { line: expect.any(Number) } });
  });

  it('rejects an empty file and blank headers', () => {
    expect(fail('')).toMatchObject({ code: 'malformed_csv', details: { line: 1 } });
    expect(fail('a,,c\n1,2,3\n')).toMatchObject({ details: { line: 1 } });
  });
});
