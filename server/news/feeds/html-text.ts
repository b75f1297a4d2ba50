import { Parser } from 'htmlparser2';

/** Elements whose content is never text a reader should see. */
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
]);
/** Elements that end a line of text. */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'dd',
  'dt',
]);

/** Reuters instrument codes written in angle brackets ("<KODK.N>") are text, not tags. */
const RIC = /<([A-Za-z0-9]{1,10}\.[A-Za-z]{1,3})>/g;
// C0/C1 control characters (but tab and newline), bidi overrides and zero-width joiners: never text to show.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is being removed
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Reduces feed HTML (descriptions, summaries, story bodies) to plain text: tags and comments go,
 * the content of scripts, styles and other hidden elements goes, entities are decoded, block
 * elements become line breaks and runs of spaces one space. The result is text, never markup:
 * it is shown as text (escaped), so nothing in it can run in a browser. Reuters codes such as
 * <KODK.N> are kept, since the tagger reads them.
 */
export function htmlToText(html: string, maxLength = 100_000): string {
  if (!html) return '';
  // Input is bounded before parsing: a feed may send a megabyte of markup for a two-line summary.
  const input = html.length > maxLength * 4 ? html.slice(0, maxLength * 4) : html;
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCK.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name) && name !== 'br' && name !== 'hr') parts.push('\n');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeCDATA: true },
  );
  parser.write(input.replace(RIC, '&lt;$1&gt;'));
  parser.end();
  return tidy(parts.join(''), maxLength);
}

/** Collapses whitespace (keeping paragraph breaks), removes invisible characters and bounds the length. */
export function tidy(text: string, maxLength = 100_000): string {
  const out = text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (out.length <= maxLength) return out;
  const cut = out.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength * 0.8 ? cut.slice(0, space) : cut}…`;
}

/** One line of text: a headline or a title from a feed (markup removed, line breaks become spaces). */
export function lineText(html: string, maxLength = 500): string {
  return htmlToText(html, maxLength * 2)
    .replace(/\s+/g, ' ')
    .slice(0, maxLength)
    .trim();
}
