import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

type Tone = 'success' | 'error' | 'info';
interface Message {
  id: number;
  text: string;
  tone: Tone;
}

const AnnounceContext = createContext<(text: string, tone?: Tone) => void>(() => {});

/** Show a short message and read it out to screen readers. */
export function useAnnounce() {
  return useContext(AnnounceContext);
}

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<Message | null>(null);
  const counter = useRef(0);
  const announce = useCallback((text: string, tone: Tone = 'success') => {
    counter.current += 1;
    setMessage({ id: counter.current, text, tone });
  }, []);

  useEffect(() => {
    if (!message || message.tone === 'error') return;
    const timer = window.setTimeout(() => setMessage(null), 8000);
    return () => window.clearTimeout(timer);
  }, [message]);

  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
        {message && (
          <div className={`toast toast-${message.tone}`} key={message.id}>
            <span>{message.text}</span>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setMessage(null)}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}
