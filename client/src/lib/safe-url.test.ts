import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpHref } from './safe-url.js';

describe('httpHref', () => {
  it('keeps http(s) links and drops every other scheme', () => {
    expect(httpHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(httpHref('http://example.com')).toBe('http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//x.y/',
      '/a',
      '',
      null,
    ])
      expect(httpHref(bad), String(bad)).toBeUndefined();
  });

  it('never returns anything but an http(s) URL (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('javascript:', 'data:', 'blob:')),
        (s) => {
          const href = httpHref(s);
          if (href !== undefined) expect(new URL(href).protocol).toMatch(/^https?:$/);
        },
      ),
      { seed: 3, numRuns: 2_000 },
    );
  });
});
