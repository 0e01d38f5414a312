import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { theme } from './theme';

// index.html carries CssBaseline's rules for this theme as a static stylesheet (main.tsx renders
// no CssBaseline): a change to the theme's colours or body type must change them too.
const html = readFileSync(path.join(__dirname, '..', 'index.html'), 'utf8');
const rule = (selector: string) => {
  const match = new RegExp(`\\n\\s*${selector} \\{([^}]*)\\}`).exec(html);
  if (!match) throw new Error(`index.html has no "${selector}" rule`);
  return match[1]!;
};
const declarations = (block: string) =>
  Object.fromEntries(
    block
      .split(';')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => line.split(/:\s*/, 2) as [string, string]),
  );

describe("index.html's static baseline", () => {
  it("matches CssBaseline's body for the theme", () => {
    const body = declarations(rule('body'));
    const { body1 } = theme.typography;
    expect(body.color?.replace(/\s/g, '')).toBe(theme.palette.text.primary.replace(/\s/g, ''));
    const unquoted = (family?: string) => family?.replace(/['"]/g, '');
    expect(unquoted(body['font-family'])).toBe(unquoted(body1.fontFamily));
    expect(body['font-weight']).toBe(String(body1.fontWeight));
    expect(body['font-size']).toBe(body1.fontSize);
    expect(body['line-height']).toBe(String(body1.lineHeight));
    expect(body['letter-spacing']).toBe(body1.letterSpacing);
    expect(body.margin).toBe('0');
  });

  it('makes bold text as bold as the theme', () => {
    expect(declarations(rule('b'))['font-weight']).toBe(String(theme.typography.fontWeightBold));
  });

  it('declares the autofill keyframes MUI inputs no longer inject', () => {
    expect(theme.components?.MuiInputBase?.defaultProps?.disableInjectingGlobalStyles).toBe(true);
    expect(html).toContain('@keyframes mui-auto-fill {');
    expect(html).toContain('@keyframes mui-auto-fill-cancel {');
    expect(declarations(rule('\\.MuiInputBase-input:-webkit-autofill'))['animation-name']).toBe('mui-auto-fill');
  });

  it("draws a page heading as the theme's h5 in a p: 2 box", () => {
    const title = declarations(rule('\\.boot-title'));
    const { h5 } = theme.typography;
    expect(title['font-size']).toBe(h5.fontSize);
    expect(title['font-weight']).toBe(String(h5.fontWeight));
    expect(title['line-height']).toBe(String(h5.lineHeight));
    expect(title['letter-spacing']).toBe(h5.letterSpacing);
    expect(title.margin).toBe('0');
    expect(declarations(rule('\\.boot-page')).padding).toBe(theme.spacing(2));
  });

  it("draws the designer's runs heading and shortcuts line as the theme's subtitle2 and caption", () => {
    const typed = (selector: string, variant: 'subtitle2' | 'caption') => {
      const drawn = declarations(rule(selector));
      const type = theme.typography[variant];
      expect([drawn['font-size'], drawn['font-weight'], drawn['line-height'], drawn['letter-spacing']]).toEqual([
        type.fontSize,
        String(type.fontWeight),
        String(type.lineHeight),
        type.letterSpacing,
      ]);
      return drawn;
    };
    typed('\\.boot-subtitle', 'subtitle2');
    const caption = typed('\\.boot-caption', 'caption');
    const unspaced = (color?: string) => color?.replace(/\s/g, '');
    expect(unspaced(caption.color)).toBe(unspaced(theme.palette.text.secondary));
    // Below the empty runs list (a dense List's 8 px above and below) and the caption's mt: 2.
    expect(caption.margin).toBe(`${8 + 8 + 16}px 0 0`);
    expect(declarations(rule('\\.boot-designer-panel')).padding).toBe(theme.spacing(2));
    for (const selector of ['\\.boot-designer-bar', '\\.boot-designer-palette', '\\.boot-designer-panel']) {
      const border = Object.entries(declarations(rule(selector))).find(([name]) => name.startsWith('border-'));
      expect(unspaced(border?.[1])).toBe(`1pxsolid${unspaced(theme.palette.divider)}`);
    }
  });
});
