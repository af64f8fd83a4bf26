import type { StatuspageComponent, StatuspageSubscriber } from '@operable/shared';
import { useId, useState, type FormEvent } from 'react';
import { useAnnounce } from '../../announcer';
import { randomSecret } from '../../policy-format';
import { useContactChannels } from '../../queries';
import { componentBlocks } from '../../statuspage-format';
import { useAddSubscriber } from '../../statuspage-queries';
import { errorFor, FormActions, FormError, TextField } from '../Field';
import { SigningSecretField } from '../SigningSecretField';

type Kind = 'email' | 'webhook';
const SHOWN = ['kind', 'email', 'url', 'secret', 'componentIds'];

/**
 * Adds a subscriber as the API does (admins only): a webhook is live at once; an email
 * address is sent the same confirmation mail as the public page's form, and hears of
 * nothing until its owner follows the link. What it follows: the whole page, or the
 * components and groups chosen (a group: any of its components).
 */
export function AddSubscriberForm({ components, subscribers, onDone }: { components: StatuspageComponent[]; subscribers: StatuspageSubscriber[]; onDone: () => void }) {
  const add = useAddSubscriber();
  const announce = useAnnounce();
  const channels = useContactChannels();
  const names = useId();
  const [kind, setKind] = useState<Kind>('email');
  const [email, setEmail] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState(randomSecret);
  const [some, setSome] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [noneChosen, setNoneChosen] = useState(false);
  const switchTo = (k: Kind) => {
    setKind(k);
    add.reset();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    // An empty list means the whole page to the API: "only these" with none ticked must not become "everything".
    if (some && chosen.length === 0) {
      // Only this problem is current now: the server's answer to the last attempt goes.
      add.reset();
      setNoneChosen(true);
      return;
    }
    setNoneChosen(false);
    const componentIds = some ? chosen : [];
    const address = email.trim().toLowerCase();
    add.mutate(kind === 'email' ? { kind, email: email.trim(), componentIds } : { kind, url: url.trim(), secret, componentIds }, {
      onSuccess: (made) => {
        if (made) announce(`Webhook to ${made.address} added: it hears of the next update.`);
        else if (subscribers.some((s) => s.kind === 'email' && s.confirmed && s.address === address)) announce(`${address} was subscribed already; what it follows is updated.`);
        else announce(`Confirmation email sent to ${address}. They hear of updates only once they follow its link.`);
        onDone();
      },
    });
  }

  const toggle = (id: string, on: boolean) => {
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
    if (on) setNoneChosen(false);
  };
  const componentsError = noneChosen ? 'Choose at least one component or group, or every update.' : errorFor(add.error, 'componentIds');
  return (
    <form className="form sp-new-form" onSubmit={submit} noValidate aria-label="New subscriber">
      <FormError error={add.error} shownFields={SHOWN} title="Not added." />
      <fieldset className="fieldset">
        <legend>Who</legend>
        <label className="check">
          <input type="radio" name={`${names}-kind`} checked={kind === 'email'} onChange={() => switchTo('email')} />A person, by email
        </label>
        <label className="check">
          <input type="radio" name={`${names}-kind`} checked={kind === 'webhook'} onChange={() => switchTo('webhook')} />A system, by webhook
        </label>
      </fieldset>
      {kind === 'email' ? (
        <>
          {channels.data && !channels.data.mail && (
            <p className="alert alert-warning">
              <strong>Mail isn’t set up on this server yet:</strong> the confirmation email can’t go out until an admin configures mail (SMTP).
            </p>
          )}
          <TextField
            label="Email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
            hint="We send this address a confirmation email. They are not subscribed, and get no updates, until they follow its link (within 48 hours)."
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errorFor(add.error, 'email')}
          />
        </>
      ) : (
        <>
          <TextField
            label="Webhook URL"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            required
            hint="Each update is posted to it as JSON, from the next one on."
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={errorFor(add.error, 'url')}
          />
          <SigningSecretField value={secret} onChange={setSecret} error={errorFor(add.error, 'secret')} shownOnce />
        </>
      )}
      <fieldset className="fieldset" aria-describedby={componentsError ? `${names}-follows-error` : undefined}>
        <legend>What they hear about</legend>
        <label className="check">
          <input type="radio" name={`${names}-follows`} checked={!some} onChange={() => setSome(false)} />
          Every update on the page
        </label>
        <label className="check">
          <input type="radio" name={`${names}-follows`} checked={some} onChange={() => setSome(true)} />
          Only updates about the components or groups chosen
        </label>
        {some && (
          <div className="check-list" role="group" aria-label="Components and groups to follow">
            {componentBlocks(components).flatMap(({ group, members }) => [
              ...(group ? [<Choice key={group.id} c={group} label={`${group.name} (group: any of its components)`} chosen={chosen} toggle={toggle} />] : []),
              ...members.map((m) => <Choice key={m.id} c={m} label={m.name} chosen={chosen} toggle={toggle} indent={Boolean(group)} />),
            ])}
          </div>
        )}
        {componentsError && (
          <p className="field-error" id={`${names}-follows-error`}>
            <span aria-hidden="true">⚠ </span>
            {componentsError}
          </p>
        )}
      </fieldset>
      <FormActions submit={kind === 'email' ? 'Send confirmation email' : 'Add webhook'} pending={add.isPending} onCancel={onDone} />
    </form>
  );
}

function Choice({ c, label, chosen, toggle, indent }: { c: StatuspageComponent; label: string; chosen: string[]; toggle: (id: string, on: boolean) => void; indent?: boolean }) {
  return (
    <label className={`check${indent ? ' sp-indent' : ''}`}>
      <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
      {label}
    </label>
  );
}
