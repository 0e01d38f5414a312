/** Plain text as HTML paragraphs: for a model's draft (textToHtml) and for a plain-text template (plainToHtml). */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text that is not a template (a model's draft): every character is escaped, paragraphs kept. */
export const textToHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

/**
 * A plain-text template as HTML paragraphs. Only the text around placeholders is escaped:
 * escaping inside `{{...}}` would turn `"there"` in a fallback into `&quot;there&quot;`,
 * which Handlebars cannot parse (values are escaped when the template renders).
 */
export const plainToHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split(/(\{\{[\s\S]*?\}\}\}?)/)
          .map((part, i) => (i % 2 === 1 ? part : escapeHtml(part).replace(/\n/g, '<br>')))
          .join('')}</p>`,
    )
    .join('\n');
