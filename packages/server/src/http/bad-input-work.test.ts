import { WORK_CASES } from '../test-support/bad-input/work.js';
import { describeBadInput } from '../test-support/bad-input/cases.js';

// The cases and how each is sent and judged: test-support/bad-input/.
describeBadInput('schedules and incidents', WORK_CASES);
