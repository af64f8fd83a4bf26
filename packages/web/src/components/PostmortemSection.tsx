import { findBlame, type PostmortemSection } from '@operable/shared';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api';
import { useRevisions, useSaveSection } from '../postmortem-queries';
import { Disclosure } from './Disclosure';
import { Markdown } from './Markdown';

/**
 * One section of the document: its text (markdown, shown rendered), an editor with
 * the blame hints found as you type, saving against the revision it started from,
 * and the revision history.
 */
export function PostmortemSectionView({ pmId, section, people, canEdit }: { pmId: string; section: PostmortemSection; people: string[]; canEdit: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [base, setBase] = useState(section.revision);
  const save = useSaveSection(pmId);
  const editing = draft !== null;
  const hints = useMemo(() => findBlame(draft ?? section.markdown, people), [draft, section.markdown, people]);
  const headingId = `pm-section-${section.key}`;
  const conflict = save.isError && (save.error as { status?: number }).status === 409;

  const start = () => {
    setDraft(section.markdown);
    setBase(section.revision);
    save.reset();
  };
  const submit = () =>
    save.mutate(
      { key: section.key, markdown: draft ?? '', baseRevision: base },
      { onSuccess: () => setDraft(null) },
    );

  return (
    <section className="pm-section" aria-labelledby={headingId}>
      <div className="pm-section-head">
        <h2 id={headingId}>{section.title}</h2>
        {canEdit && !editing && (
          <button type="button" className="btn btn-small" onClick={start}>
            Edit<span className="visually-hidden"> {section.title}</span>
          </button>
        )}
      </div>
      {editing ? (
        <div className="pm-editor">
          <label htmlFor={`${headingId}-text`} className="visually-hidden">{section.title} (Markdown)</label>
          <p className="field-hint" id={`${headingId}-hint`}>{section.prompt} Markdown: **bold**, - lists, `code`.</p>
          <textarea id={`${headingId}-text`} aria-describedby={`${headingId}-hint`} rows={10} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <BlameHints hints={hints} />
          {conflict && (
            <p className="alert alert-error" role="alert">
              Someone saved this section while you were editing. Copy your text, cancel, and edit again from their version.
            </p>
          )}
          {save.isError && !conflict && <p className="alert alert-error" role="alert">Couldn’t save: {errorMessage(save.error)}</p>}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={submit} disabled={save.isPending}>
              {save.isPending ? 'Saving…' : `Save ${section.title}`}
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setDraft(null)}>Cancel</button>
          </div>
          {draft.trim() && (
            <div className="pm-preview" aria-label="Preview">
              <p className="muted">Preview</p>
              <div className="markdown"><Markdown source={draft} headingOffset={2} /></div>
            </div>
          )}
        </div>
      ) : section.markdown.trim() ? (
        <>
          <div className="markdown"><Markdown source={section.markdown} headingOffset={2} /></div>
          <BlameHints hints={hints} />
        </>
      ) : (
        <p className="muted pm-prompt">{section.prompt}</p>
      )}
      {section.revision > 1 && <History pmId={pmId} sectionKey={section.key} title={section.title} />}
    </section>
  );
}

function BlameHints({ hints }: { hints: ReturnType<typeof findBlame> }) {
  if (!hints.length) return null;
  return (
    <div className="pm-blame" role="note" aria-label="Blame-aware writing hints">
      <p><strong>Names may appear; guilt should not.</strong> Consider a systems framing for:</p>
      <ul>
        {hints.map((h) => (
          <li key={`${h.start}-${h.phrase}`}>
            <q>{h.sentence}</q> names {h.person} with “{h.phrase}”. {h.suggestion}
          </li>
        ))}
      </ul>
    </div>
  );
}

function History({ pmId, sectionKey, title }: { pmId: string; sectionKey: string; title: string }) {
  const [open, setOpen] = useState(false);
  const revisions = useRevisions(pmId, sectionKey, open);
  return (
    <Disclosure level={3} title={`History of ${title}`} onOpen={() => setOpen(true)} className="pm-history">
      {revisions.isPending ? (
        <p className="loading">Loading…</p>
      ) : (
        <ol className="plain-list">
          {revisions.data?.map((r) => (
            <li key={r.revision}>
              <p className="muted">
                Revision {r.revision} · {r.author} · {new Date(r.createdAt).toLocaleString()}
              </p>
              <pre className="prewrap">{r.markdown || '(empty)'}</pre>
            </li>
          ))}
        </ol>
      )}
    </Disclosure>
  );
}
