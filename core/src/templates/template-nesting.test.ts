import { LIMITS, LimitExceededError } from '../index';
import { parseTemplate, templateNestingDepth } from './template-nesting';

describe('templateNestingDepth', () => {
  it('counts nested blocks and sub-expressions, not siblings, else or comments', () => {
    expect(templateNestingDepth('Hi {{contact.firstName}}')).toBe(0);
    expect(templateNestingDepth('{{#if a}}{{#each b}}{{this}}{{/each}}{{else}}x{{/if}}{{#if c}}{{/if}}')).toBe(2);
    expect(templateNestingDepth('{{#if a}}{{^}}{{/if}}{{!-- {{#if}} --}}')).toBe(1);
    expect(templateNestingDepth('{{default (default (default a "x") "y") "z"}}')).toBe(2);
    expect(templateNestingDepth('{{#if a}}{{default (x) "y"}}{{/if}}')).toBe(2);
  });
});

describe('parseTemplate', () => {
  it('refuses 5,000 nested blocks at once, naming the limit, instead of parsing for 40 s', () => {
    const nested = '{{#if x}}'.repeat(5_000) + 'y' + '{{/if}}'.repeat(5_000);
    const started = performance.now();
    expect(() => parseTemplate(nested, 'body')).toThrow(LimitExceededError);
    expect(() => parseTemplate(nested, 'body')).toThrow(
      `body: blocks and sub-expressions may nest at most ${LIMITS.maxTemplateNesting} deep (this one nests 5000 deep)`,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('parses a template at the limit', () => {
    const nested = '{{#if x}}'.repeat(LIMITS.maxTemplateNesting) + 'y' + '{{/if}}'.repeat(LIMITS.maxTemplateNesting);
    expect(parseTemplate(nested).type).toBe('Program');
  });
});
