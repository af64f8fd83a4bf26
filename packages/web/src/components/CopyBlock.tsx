import { useId, useRef, useState } from 'react';

/** A multi-line example (a command, a config block) with a Copy button. */
export function CopyBlock({ title, text, hint }: { title: string; text: string; hint?: string }) {
  const id = useId();
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      const selection = window.getSelection();
      if (pre.current && selection) selection.selectAllChildren(pre.current);
      setCopied('failed');
    }
  }

  return (
    <figure className="copy-block" aria-labelledby={`${id}-t`}>
      <figcaption className="copy-block-head">
        <span id={`${id}-t`}>{title}</span>
        <button type="button" className="btn btn-small" aria-label={`Copy: ${title}`} onClick={copy}>
          Copy
        </button>
      </figcaption>
      {hint && <p className="field-hint">{hint}</p>}
      <pre ref={pre} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <p className="field-hint" aria-live="polite">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Couldn’t copy automatically. The text is selected: press Ctrl+C (or ⌘C).'}
      </p>
    </figure>
  );
}
