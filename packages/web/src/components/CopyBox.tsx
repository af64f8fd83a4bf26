import { useId, useRef, useState } from 'react';

/** A read-only value with a Copy button, for links and tokens. */
export function CopyBox({ label, value }: { label: string; value: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      input.current?.select();
      setCopied('failed');
    }
  }

  return (
    <div className="field copy-box">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="mono"
        />
        <button type="button" className="btn" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="field-hint" aria-live="polite">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'Couldn’t copy automatically. The text is selected: press Ctrl+C (or ⌘C).'}
      </p>
    </div>
  );
}
