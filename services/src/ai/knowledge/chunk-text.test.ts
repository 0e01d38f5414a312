import { chunkText, markdownToText } from './chunk-text';

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i % 7} in plain words.`;
const paragraphs = (count: number, perParagraph: number) =>
  Array.from({ length: count }, (_, p) =>
    Array.from({ length: perParagraph }, (_, s) => sentence(p * perParagraph + s)).join(' '),
  ).join('\n\n');

describe('chunkText', () => {
  it('keeps a short text as one chunk, whitespace tidied', () => {
    expect(chunkText('  Hello   there.\n\n\nSecond  paragraph. ')).toEqual(['Hello there.\n\nSecond paragraph.']);
  });

  it('answers nothing for an empty or blank text', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText(' \n\n \t ')).toEqual([]);
  });

  it('bounds every chunk and loses no sentence', () => {
    const text = paragraphs(12, 9);
    const chunks = chunkText(text, { maxChars: 300, overlapChars: 80 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(300);
    for (let i = 0; i < 12 * 9; i++) expect(chunks.some((c) => c.includes(sentence(i)))).toBe(true);
  });

  it('repeats the end of one chunk at the start of the next', () => {
    const chunks = chunkText(paragraphs(1, 30), { maxChars: 250, overlapChars: 120 });
    for (let i = 1; i < chunks.length; i++) {
      const firstSentence = chunks[i]!.split(/(?<=\.)\s+/)[0]!;
      expect(chunks[i - 1]).toContain(firstSentence);
    }
  });

  it('cuts a sentence longer than a chunk at spaces, and a word longer than a chunk anywhere', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(`${long}. ${'x'.repeat(130)}`, { maxChars: 50, overlapChars: 0 });
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(50);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toContain('word0 word1');
    expect(chunks.join('').replace(/\s+/g, '')).toContain('x'.repeat(130));
  });

  it('refuses bounds that could not make progress', () => {
    expect(() => chunkText('a', { maxChars: 5 })).toThrow('maxChars');
    expect(() => chunkText('a', { maxChars: 100, overlapChars: 100 })).toThrow('overlapChars');
  });

  it('reads Markdown as its words', () => {
    const md = '# Pricing\n\nOur **Pro** plan costs `$49`. See [the table](https://x.test/p).\n\n- one\n- two';
    expect(markdownToText(md)).not.toMatch(/[#*`[\]]|https/);
    expect(chunkText(md, { format: 'markdown' })).toEqual([
      'Pricing\n\nOur Pro plan costs $49. See the table.\n\none two',
    ]);
  });
});
