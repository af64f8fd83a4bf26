import { ACCESS_CASES } from '../test-support/bad-input/access.js';
import { describeBadInput } from '../test-support/bad-input/cases.js';

// The cases and how each is sent and judged: test-support/bad-input/.
describeBadInput('accounts, people, policies, status page', ACCESS_CASES);
