import { useId, useState, type ReactNode } from 'react';

interface Props {
  /** The heading level the title sits at, so it fits the page's outline. */
  level: 2 | 3;
  title: ReactNode;
  /** Shown under the title whether open or not: kind, time, counts. */
  meta?: ReactNode;
  /** Called each time it opens (e.g. to mark an inbox item read). */
  onOpen?: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A heading whose button shows and hides what follows (the accordion pattern): the
 * heading keeps its place in the outline, the button says whether it is expanded,
 * and the content exists only while open.
 */
export function Disclosure({ level, title, meta, onOpen, className, children }: Props) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className={`disclosure${open ? ' disclosure-open' : ''}${className ? ` ${className}` : ''}`}>
      <Heading className="disclosure-title">
        <button
          type="button"
          className="disclosure-button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => {
            if (!open) onOpen?.();
            setOpen(!open);
          }}
        >
          <span className="disclosure-icon" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span>{title}</span>
        </button>
      </Heading>
      {meta && <div className="disclosure-meta">{meta}</div>}
      <div id={bodyId} className="disclosure-body" hidden={!open}>
        {open && children}
      </div>
    </div>
  );
}
