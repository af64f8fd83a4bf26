export { signIn, type SignInInput } from './sign-in.js';
export { signOut } from './sign-out.js';
export { authenticateSession, authenticateApiKey, type SessionAuth } from './authenticate.js';
export { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
export { issueResetLink, completePasswordReset, changePassword } from './passwords.js';
export { listUsers, getUser, createUser, updateUser, updateProfile, deleteUser } from './user-verbs.js';
export { ensureFirstAdmin, resolveSecret } from './bootstrap.js';
export { findUserByEmail, findUserById, toUser } from './users-repository.js';
export { deleteExpiredSessions } from './repository.js';
