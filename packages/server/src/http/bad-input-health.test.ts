import { HEALTH_CASES } from '../test-support/bad-input/health.js';
import { describeBadInput } from '../test-support/bad-input/cases.js';

// The cases and how each is sent and judged: test-support/bad-input/.
describeBadInput('SLOs, checks and health', HEALTH_CASES);
