import { BODY_CASES } from '../test-support/bad-input/body-routes.js';
import { describeBadInput } from '../test-support/bad-input/cases.js';

// The cases and how each is sent and judged: test-support/bad-input/.
describeBadInput('JSON bodies', BODY_CASES);
