/** Rows per block in the tree walks: trees go outer within a block, so one tree's nodes stay in cache over its rows. */
export const ROW_BLOCK = 128;
