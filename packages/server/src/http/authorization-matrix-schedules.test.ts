import { SCHEDULE_ROWS } from '../test-support/authorization-matrix/schedules.js';
import { describeMatrix } from '../test-support/authorization-matrix/matrix.js';

// The rows and the columns they are sent as: test-support/authorization-matrix/.
describeMatrix('schedules', SCHEDULE_ROWS);
