import type { Session, User } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import { useAnnounce } from '../announcer';
import { deviceZone, zoneDiffers } from '../format';
import { sessionKey } from '../session';
import { isZone } from '../zoned-time';

const DISMISSED = 'operable.zone-kept';

/**
 * An account that still has the default zone (created without one, never chosen)
 * takes this browser's zone, silently, once: the server applies it only while the
 * zone is still the default, and the profile says where it came from.
 */
function useZoneFromBrowser(user: User, device: string) {
  const qc = useQueryClient();
  const tried = useRef(false);
  const set = useMutation({
    mutationFn: () => api.patch<User>('/api/me', { timeZone: device, timeZoneFromBrowser: true }),
    onSuccess: (saved) => qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, user: saved } : s)),
  });
  const wanted = user.timeZoneSource === 'default' && isZone(device);
  useEffect(() => {
    if (!wanted || tried.current) return;
    tried.current = true;
    set.mutate();
  }, [wanted, set]);
  // Until it is set (or if setting failed), the prompt below asks instead.
  return wanted && !set.isError;
}

/**
 * When this device's clock is in another zone than the person's, offer it (one tap),
 * so shift times and "their time" read right; "Keep" is remembered on this device.
 */
export function ZonePrompt({ user }: { user: User }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const device = deviceZone();
  const settingSilently = useZoneFromBrowser(user, device);
  const [kept, setKept] = useState(() => {
    try {
      return localStorage.getItem(DISMISSED) === `${user.id}:${user.timeZone}:${device}`;
    } catch {
      return false;
    }
  });
  const save = useMutation({
    mutationFn: () => api.patch<User>('/api/me', { timeZone: device }),
    onSuccess: (saved) => {
      qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, user: saved } : s));
      announce(`Your time zone is now ${device}.`);
    },
  });
  if (settingSilently || kept || !zoneDiffers(user.timeZone, device)) return null;
  const keep = () => {
    try {
      localStorage.setItem(DISMISSED, `${user.id}:${user.timeZone}:${device}`);
    } catch {
      // Private mode: asked again next time.
    }
    setKept(true);
  };
  return (
    <div className="alert alert-info banner">
      <p>
        Times are shown in <strong>{user.timeZone}</strong> (your profile), but this device is in <strong>{device}</strong>.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary btn-small" aria-disabled={save.isPending} onClick={() => !save.isPending && save.mutate()}>
          Use {device}
        </button>
        <button type="button" className="btn btn-small" onClick={keep}>
          Keep {user.timeZone}
        </button>
      </div>
      {save.isError && (
        <p role="alert" className="field-error">
          Couldn’t change your time zone: {errorMessage(save.error)}
        </p>
      )}
    </div>
  );
}
