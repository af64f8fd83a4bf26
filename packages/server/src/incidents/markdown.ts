import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Notes and status updates are markdown written by responders; their HTML is
 * rendered by `marked` and then cleaned by `sanitize-html` against a short allow
 * list (no raw HTML survives: no scripts, styles, event handlers, iframes or
 * javascript: links), so the web app, emails and post-mortem exports may show it.
 */
const marked = new Marked({ gfm: true, breaks: true, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input'],
  allowedAttributes: { a: ['href', 'title'], input: ['type', 'checked', 'disabled'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Links leave the app in a new context and never pass the referrer.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
};
OPTIONS.allowedAttributes = { ...OPTIONS.allowedAttributes, a: ['href', 'title', 'rel', 'target'] };

export function renderMarkdown(text: string): string {
  return sanitizeHtml(marked.parse(text) as string, OPTIONS).trim();
}
