export { DisparateError, EXIT, exitCodeFor, oneLine, type ErrorCode } from './disparate-error.js';
