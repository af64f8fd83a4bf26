import { INCIDENT_ROWS } from '../test-support/authorization-matrix/incidents.js';
import { describeMatrix } from '../test-support/authorization-matrix/matrix.js';

// The rows and the columns they are sent as: test-support/authorization-matrix/.
describeMatrix('incidents', INCIDENT_ROWS);
