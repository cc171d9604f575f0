/**
 * Published 2014 figures for DUO's home-visit risk profile, encoded in disparate's own format.
 *
 * Category counts and selection counts: CBS, per origin group, rounded to tens, as published by
 * Algorithm Audit in github.com/NGO-Algorithm-Audit/DUO-CUB (2014 outcomes table). Findings: Algorithm
 * Audit, *Preventing prejudice*, TA:AA:2024:01, pp. 17–21.
 */
export const AA = 'Algorithm Audit (2024), Preventing prejudice: the DUO risk profile, TA:AA:2024:01, pp. 17-21';
export const CBS_OUTCOMES = 'CBS 2014 risk-category counts per origin group (rounded to tens), github.com/NGO-Algorithm-Audit/DUO-CUB, via Algorithm Audit TA:AA:2024:01';

/** CBS's origin columns and where each is found in a run's results. */
export interface OriginColumn {
  readonly key: string;
  readonly label: string;
  readonly attribute: 'origin_group' | 'origin';
  readonly group: string;
}

export const ORIGIN_COLUMNS: readonly OriginColumn[] = [
  { key: 'nl', label: 'Dutch origin', attribute: 'origin_group', group: 'nl' },
  { key: 'europe', label: 'other European origin', attribute: 'origin_group', group: 'europe' },
  { key: 'non_europe', label: 'non-European origin', attribute: 'origin_group', group: 'non_europe' },
  { key: 'born_nl_non_europe', label: 'born in NL, non-European origin', attribute: 'origin', group: 'non_europe_born_nl' },
];

/** Risk categories 1 (very high) … 6 (unknown) by their lowest score; category 6 is score 0. */
export const CATEGORY_MIN = [80, 60, 40, 20, 1] as const;
export const CATEGORY_NAMES = ['1 very high', '2 high', '3 average', '4 low', '5 very low', '6 unknown'] as const;

/**
 * 2014 counts per risk category (1 … 6), per origin column. Each count is rounded to tens by CBS, so a
 * column's sum differs from its rounded total in RECIPIENTS_2014 by up to 10 (all: 248,660 vs 248,650);
 * shares are count ÷ total, summing to 1 within 0.0006.
 */
export const CATEGORY_COUNTS_2014: Readonly<Record<string, readonly number[]>> = {
  all: [16740, 26060, 20950, 65900, 84960, 34050],
  nl: [8670, 16610, 15110, 54130, 67300, 16380],
  europe: [790, 1330, 1150, 3190, 4530, 4630],
  non_europe: [7280, 8120, 4680, 8580, 13130, 13040],
  born_nl_non_europe: [5430, 5560, 3200, 5860, 7000, 4060],
};

/** 2014 recipients and students selected for a home visit, per origin column. */
export const RECIPIENTS_2014 = { all: 248650, nl: 178200, europe: 15630, non_europe: 54820, born_nl_non_europe: 31100 } as const;
export const SELECTED_2014 = { all: 3180, nl: 1050, europe: 120, non_europe: 2010, born_nl_non_europe: 1600 } as const;
