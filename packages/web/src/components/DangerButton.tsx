import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  /** Button text, e.g. "Delete service". */
  label: string;
  /** Accessible name when the visible label is ambiguous in a list, e.g. "Revoke key ci-deploy". */
  ariaLabel?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  action: () => Promise<unknown>;
  onDone: () => void;
  small?: boolean;
}

/** A destructive action behind a confirmation dialog. */
export function DangerButton({ label, ariaLabel, title, children, confirmLabel, action, onDone, small }: Props) {
  const [open, setOpen] = useState(false);
  const run = useMutation({
    mutationFn: action,
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  return (
    <>
      <button
        type="button"
        className={`btn btn-danger-outline${small ? ' btn-small' : ''}`}
        aria-label={ariaLabel}
        onClick={() => {
          run.reset();
          setOpen(true);
        }}
      >
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        busy={run.isPending}
        error={run.isError ? errorMessage(run.error) : null}
        onConfirm={() => run.mutate()}
        onCancel={() => setOpen(false)}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
