import { roleAtLeast, type Role } from '@operable/shared';
import type { Actor } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/** Role checks are pure functions of the actor, so every domain can use them without cycles. */
export function requireRole(actor: Actor, role: Role): void {
  if (actor.kind === 'system' && actor.label === 'anonymous') throw unauthenticated();
  if (!roleAtLeast(actor.role, role)) throw forbidden(`Requires the ${role} role`);
}

/** Admins edit everything; responders edit what their own teams own; viewers read. */
export function requireTeamEditor(actor: Actor, teamId: string): void {
  requireRole(actor, 'responder');
  if (actor.role === 'admin') return;
  if (!actor.teamIds.includes(teamId)) throw forbidden('Responders may change only their own teams’ services');
}

export function requireSignedIn(actor: Actor): asserts actor is Actor & { userId: string } {
  if (!actor.userId) throw unauthenticated();
}
