/**
 * The most rows one run scores: row indices are 32-bit integers (Int32Array) in the scoring, decision
 * and accumulation paths, and every row's score is held in memory for ranked rules. A larger
 * population (1e12) is refused naming the field, instead of failing inside a typed-array allocation.
 */
export const MAX_ROWS = 2 ** 31 - 1;
