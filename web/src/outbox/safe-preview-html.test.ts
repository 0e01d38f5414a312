import { describe, expect, it } from 'vitest';
import { safePreviewHtml } from './safe-preview-html';

describe('safe preview HTML', () => {
  const email = `<html><body><p>Hi <a href="https://t.example/c/1" target="_top">Ana</a></p>
    <img src="https://t.example/o/1.gif" width="1" height="1">
    <img src="data:image/png;base64,iVBORw0KGgo=" alt="logo"></body></html>`;

  it('does not load remote images (a tracking pixel would count an open) and keeps inline ones', () => {
    const { html, blockedImages } = safePreviewHtml(email);
    expect(blockedImages).toBe(1);
    expect(html).not.toMatch(/\ssrc="https:/);
    expect(html).toContain('data-blocked-src="https://t.example/o/1.gif"');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });

  it('forbids remote loads by CSP and sends links nowhere', () => {
    const doc = new DOMParser().parseFromString(safePreviewHtml(email).html, 'text/html');
    const csp = doc.head.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toContain("default-src 'none'");
    expect(doc.head.firstElementChild).toBe(csp);
    expect(doc.querySelector('base')?.getAttribute('target')).toBe('_blank');
    expect(doc.querySelector('a')?.getAttribute('target')).toBe('_blank');
    expect(doc.body.textContent).toContain('Hi Ana');
  });

  it('wraps a fragment into a document', () => {
    const { html } = safePreviewHtml('<p>Just text</p>');
    expect(html.startsWith('<!doctype html><html><head><meta')).toBe(true);
    expect(html).toContain('<p>Just text</p>');
  });
});
