import type { ReactNode } from 'react';

/**
 * A small, safe Markdown renderer for runbooks: headings, paragraphs, lists,
 * fenced code, block quotes, and inline code, bold, italics and http(s) links.
 * It builds React elements (never HTML strings), so runbook text cannot inject markup.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'rule' }
  | { kind: 'para'; text: string };

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s+(.*)$/;

function parse(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !/^\s*```/.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      i += 1;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2] ?? '' });
      i += 1;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1] ?? '');
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i] ?? '');
        if (m) items.push(m[2] ?? '');
        else if (/^\s{2,}\S/.test(lines[i] ?? '') && items.length) items[items.length - 1] += ` ${(lines[i] ?? '').trim()}`;
        else break;
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i] ?? '')) body.push((lines[i++] ?? '').replace(/^\s*>\s?/, ''));
      blocks.push({ kind: 'quote', text: body.join(' ') });
      continue;
    }
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const body: string[] = [line.trim()];
    i += 1;
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (!l.trim() || /^\s*(```|#{1,6}\s|>)/.test(l) || LIST_ITEM.test(l)) break;
      body.push(l.trim());
      i += 1;
    }
    blocks.push({ kind: 'para', text: body.join(' ') });
  }
  return blocks;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))|(https?:\/\/[^\s<)]+)/g;

function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

function inline(text: string, keyBase: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    const token = m[0];
    const key = `${keyBase}-${n++}`;
    if (m[1]) out.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={key}>{inline(token.slice(2, -2), key)}</strong>);
    else if (m[3]) out.push(<em key={key}>{inline(token.slice(1, -1), key)}</em>);
    else if (m[4]) {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = safeHref(link?.[2] ?? '');
      out.push(
        href ? (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {link?.[1]}
          </a>
        ) : (
          token
        ),
      );
    } else if (m[5]) {
      out.push(
        <a key={key} href={token} target="_blank" rel="noopener noreferrer">
          {token}
        </a>,
      );
    }
    last = start + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown({ source, headingOffset = 2 }: { source: string; headingOffset?: number }) {
  const blocks = parse(source);
  return (
    <div className="markdown">
      {blocks.map((b, i) => {
        const key = String(i);
        switch (b.kind) {
          case 'heading': {
            const level = Math.min(6, b.level + headingOffset);
            const Tag = `h${level}` as 'h3';
            return <Tag key={key}>{inline(b.text, key)}</Tag>;
          }
          case 'code':
            return (
              <pre key={key}>
                <code>{b.text}</code>
              </pre>
            );
          case 'list': {
            const items = b.items.map((t, j) => <li key={j}>{inline(t, `${key}-${j}`)}</li>);
            return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          case 'quote':
            return <blockquote key={key}>{inline(b.text, key)}</blockquote>;
          case 'rule':
            return <hr key={key} />;
          default:
            return <p key={key}>{inline(b.text, key)}</p>;
        }
      })}
    </div>
  );
}
