/** PDF's 2D affine matrices `[a b c d e f]` (PDF 32000-1 §8.3.4), for the test helpers that follow the CTM and text matrices. */

/** A 2D affine matrix `[a b c d e f]`. */
export type Matrix = readonly [number, number, number, number, number, number];

/** The identity matrix. */
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m × n`: the transformation `m` followed by `n` (as `cm` concatenates onto the CTM: `new × ctm`). */
export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
