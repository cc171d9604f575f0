export { DisparateError, EXIT, exitCodeFor, inputError, type ErrorCode } from './disparate-error.js';
