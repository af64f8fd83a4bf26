import { STATUSPAGE_HEALTH_ROWS } from '../test-support/authorization-matrix/statuspage-health.js';
import { describeMatrix } from '../test-support/authorization-matrix/matrix.js';

// The rows and the columns they are sent as: test-support/authorization-matrix/.
describeMatrix('status page and health', STATUSPAGE_HEALTH_ROWS);
