export { DisparateError, EXIT, exitCodeFor, type ErrorCode } from './disparate-error.js';
