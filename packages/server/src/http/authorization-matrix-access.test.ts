import { ACCESS_ROWS } from '../test-support/authorization-matrix/access.js';
import { describeMatrix } from '../test-support/authorization-matrix/matrix.js';

// The rows and the columns they are sent as: test-support/authorization-matrix/.
describeMatrix('access', ACCESS_ROWS);
