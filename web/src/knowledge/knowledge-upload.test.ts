import { describe, expect, it } from 'vitest';
import { anyIndexing, uploadOf } from './knowledge-upload';

describe('uploadOf', () => {
  it('takes the title from the file name and Markdown from the extension', () => {
    expect(uploadOf('Pricing FAQ.md', 120)).toEqual({ title: 'Pricing FAQ', format: 'markdown' });
    expect(uploadOf('notes.TXT', 5)).toEqual({ title: 'notes', format: 'text' });
  });

  it('refuses other kinds of file, empty files and files over the limit, saying which', () => {
    expect(uploadOf('deck.pdf', 10)).toEqual({ error: expect.stringContaining('deck.pdf: only plain text') });
    expect(uploadOf('empty.txt', 0)).toEqual({ error: 'empty.txt is empty' });
    expect(uploadOf('huge.md', 2_000_000)).toEqual({ error: 'huge.md is 2000 KB; a document may be at most 900 KB' });
  });
});

describe('anyIndexing', () => {
  it('is true while one document is indexing', () => {
    expect(anyIndexing([{ status: 'ready' }, { status: 'indexing' }])).toBe(true);
    expect(anyIndexing([{ status: 'ready' }, { status: 'failed' }])).toBe(false);
    expect(anyIndexing(undefined)).toBe(false);
  });
});
