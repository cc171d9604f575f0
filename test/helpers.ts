/** Shared test helpers: a fixed provenance context so results compare byte for byte. */
export const fixedContext = {
  command: 'disparate test',
  toolVersion: '0.0.0-test',
  started: '2026-01-01T00:00:00.000Z',
  platform: 'test',
  now: () => '2026-01-01T00:00:01.000Z',
};
