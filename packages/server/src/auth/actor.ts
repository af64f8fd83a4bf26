import { weakerRole } from '@operable/shared';
import type { Actor } from '../lib/context.js';
import type { ApiKeyWithOwner } from './repository.js';
import type { UserWithTeams } from './users-repository.js';

export function actorForUser(user: UserWithTeams): Actor {
  return { kind: 'user', userId: user.id, role: user.role, teamIds: user.team_ids, label: user.email };
}

/** A key never grants more than its owner currently holds. */
export function actorForApiKey(key: ApiKeyWithOwner, owner: UserWithTeams): Actor {
  return {
    kind: 'api_key',
    userId: owner.id,
    role: weakerRole(key.role, owner.role),
    teamIds: owner.team_ids,
    label: `${owner.email} (key ${key.prefix}…)`,
    apiKeyId: key.id,
  };
}
