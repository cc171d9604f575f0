/**
 * Every combination of parent levels: mixed-radix strides (last parent fastest) and the keys
 * (levels joined by `|`) in combination-index order.
 *
 * @example
 * combinations([['a', 'b'], ['x', 'y', 'z']]); // { strides: [3, 1], keys: ['a|x', 'a|y', 'a|z', 'b|x', 'b|y', 'b|z'] }
 */
export function combinations(parentLevels: readonly (readonly string[])[]): { strides: number[]; keys: string[] } {
  const strides: number[] = new Array<number>(parentLevels.length);
  let combos = 1;
  for (let i = parentLevels.length - 1; i >= 0; i--) {
    strides[i] = combos;
    combos *= parentLevels[i]!.length;
  }
  const keys: string[] = [];
  for (let c = 0; c < combos; c++) keys.push(parentLevels.map((lv, i) => lv[Math.floor(c / strides[i]!) % lv.length]!).join('|'));
  return { strides, keys };
}
