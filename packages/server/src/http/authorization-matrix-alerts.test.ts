import { ALERT_ROWS } from '../test-support/authorization-matrix/alerts.js';
import { describeMatrix } from '../test-support/authorization-matrix/matrix.js';

// The rows and the columns they are sent as: test-support/authorization-matrix/.
describeMatrix('alerts', ALERT_ROWS);
