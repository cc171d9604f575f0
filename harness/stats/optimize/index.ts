export { minimizeBoxQuadratic, type BoxQuadraticResult } from './box-quadratic.js';
export { solveSpd } from './solve-spd.js';
