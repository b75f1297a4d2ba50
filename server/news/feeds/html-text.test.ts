import { describe, expect, it } from 'vitest';
import { htmlToText, lineText, tidy } from './html-text.js';

describe('htmlToText', () => {
  it('keeps the words, drops tags, images and links, and decodes entities', () => {
    expect(
      htmlToText(
        '<p><a href="https://x.test/a"><img src="https://x.test/i.png" alt="alt text"></a>Kodak &amp; Co &ldquo;said&rdquo; it&#39;s &#x2019;up&#8217; &nbsp;3%<p><br clear="all">',
      ),
    ).toBe("Kodak & Co “said” it's ’up’ 3%");
  });

  it('keeps Reuters instrument codes', () => {
    expect(htmlToText('Eastman Kodak Co <KODK.N> and Alibaba <9988.HK> rose')).toBe(
      'Eastman Kodak Co <KODK.N> and Alibaba <9988.HK> rose',
    );
  });

  it('drops scripts, styles, comments and hidden content entirely', () => {
    expect(
      htmlToText(
        'a<script>alert(1)</script>b<style>p{color:red}</style>c<!-- feedflare -->d<noscript>x</noscript><iframe src="x">y</iframe>e',
      ),
    ).toBe('abcde');
  });

  it('gives text, never markup: escaped tags stay inert text', () => {
    const out = htmlToText('&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)>');
    expect(out).toBe('<script>alert(1)</script>');
  });

  it('turns blocks into line breaks and collapses whitespace', () => {
    expect(htmlToText('<h1>Title</h1>\n\n<p>One   two</p><ul><li>a</li><li>b</li></ul>x<br>y')).toBe(
      'Title\n\nOne two\n\na\n\nb\n\nx\ny',
    );
  });

  it('copes with broken markup', () => {
    expect(htmlToText('<p>unclosed <b>bold <a href="javascript:alert(1)">link')).toBe('unclosed bold link');
    expect(htmlToText('x < y and 5 > 3, AT&T <')).toBe('x < y and 5 > 3, AT&T <');
  });

  it('removes control and invisible characters and bounds the length', () => {
    expect(htmlToText('a\u0000b\u202Ec\u200Bd\u0007')).toBe('abcd');
    const long = htmlToText(`<p>${'word '.repeat(3_000)}</p>`, 100);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('lineText and tidy', () => {
  it('makes one line of a title', () => {
    expect(lineText('Tesla &amp; <i>Apple</i>\n  split <b>stocks</b>')).toBe('Tesla & Apple split stocks');
  });

  it('tidies text without markup', () => {
    expect(tidy('  a \r\n\r\n\r\n b  ')).toBe('a\n\nb');
  });
});
