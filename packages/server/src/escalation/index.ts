export {
  listEscalationPolicies,
  getEscalationPolicy,
  createEscalationPolicy,
  updateEscalationPolicy,
  deleteEscalationPolicy,
  requirePolicyEditor,
  reachWarning,
} from './policies.js';
/** For the engine: a policy's steps with webhook secrets, read when a step fires. */
export { loadPolicySteps, type StoredStep } from './repository.js';
