import { randomSecret } from '../policy-format';
import { TextField } from './Field';

const HINT = 'At least 16 characters; one is filled in for you. Each request carries an X-Operable-Signature header made with it, so copy it to the receiver';

/** The secret a webhook's requests are signed with: filled in for the person, with a button for a fresh one. */
export function SigningSecretField({ value, onChange, error, shownOnce = false }: { value: string; onChange: (secret: string) => void; error?: string; shownOnce?: boolean }) {
  return (
    <>
      <TextField
        label="Signing secret"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        required
        hint={shownOnce ? `${HINT}: it is not shown again.` : `${HINT}.`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      />
      <p>
        <button type="button" className="btn btn-small" onClick={() => onChange(randomSecret())}>
          Generate a new secret
        </button>
      </p>
    </>
  );
}
