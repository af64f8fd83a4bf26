import type { Role, Session, User } from '@operable/shared';
import { roleAtLeast } from '@operable/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession } from './api';
import { browserTimeZone } from './components/TimeZoneSelect';
import { isZone } from './zoned-time';

export const sessionKey = ['session'] as const;

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** The signed-in user; only call inside the signed-in layout. */
export function useCurrentUser(): User {
  const qc = useQueryClient();
  const { data } = useSessionQuery();
  const session = data ?? (qc.getQueryData(sessionKey) as Session | null | undefined);
  if (!session) throw new Error('useCurrentUser called outside the signed-in area');
  return session.user;
}

export function useCan(needed: Role): boolean {
  return roleAtLeast(useCurrentUser().role, needed);
}

/** Whether the user may create, edit or delete services of this team. */
export function canEditTeamServices(user: User, teamId: string): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'responder' && user.teamIds.includes(teamId);
}

/** Whether the user may change an escalation policy owned by this team (null: shared by everyone, admins only). */
export function canEditPolicy(user: User, teamId: string | null): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'responder' && teamId !== null && user.teamIds.includes(teamId);
}

/** The zone times are shown in: the person's own, or the browser's if theirs is unknown here. */
export function useViewerZone(): string {
  const zone = useCurrentUser().timeZone;
  return zone && isZone(zone) ? zone : browserTimeZone();
}

/** Whether the user may change a schedule of this team (null: of no team, admins only). */
export function canEditSchedule(user: User, teamId: string | null): boolean {
  return canEditPolicy(user, teamId);
}
