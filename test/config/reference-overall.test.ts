import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batteryReferences, resolveBattery } from '../../harness/pipeline/index.js';
import { DisparateError } from '../../harness/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'reference-overall-'));
let count = 0;
const base = `title: t
population: { spec: pop.yaml, size: 1000 }
model: model.json
decision: { rule: top_fraction, fraction: 0.05 }
protected: [nationality, disability]
`;
function references(extra: string) {
  const file = join(dir, `b${count++}.yaml`);
  writeFileSync(file, base + extra);
  return Object.fromEntries([...batteryReferences(resolveBattery(file))].map(([k, v]) => [k, v.group]));
}

describe('a battery asks for everyone else as the reference', () => {
  it('reference: overall applies to every attribute and intersection ("*")', () => {
    expect(references('reference: overall\n')).toEqual({ '*': 'overall' });
  });

  it('"*" sets the attributes not named; a named one keeps its group and the intersection follows "*"', () => {
    expect(references('reference: { "*": overall, disability: none }\n')).toEqual({ '*': 'overall', disability: 'none' });
  });

  it('every attribute against everyone else: so is their intersection; named groups combine as before', () => {
    expect(references('reference: { nationality: overall, disability: overall }\n')).toEqual({ nationality: 'overall', disability: 'overall', 'nationality×disability': 'overall' });
    expect(references('reference: { nationality: french, disability: none }\n')).toEqual({ nationality: 'french', disability: 'none', 'nationality×disability': 'french×none' });
    // a cell's complement is not the combination of its attributes' complements: no combined reference
    expect(references('reference: { nationality: overall, disability: none }\n')).toEqual({ nationality: 'overall', disability: 'none' });
  });

  it('refuses "*" with anything but overall, naming the field', () => {
    const file = join(dir, `b${count++}.yaml`);
    writeFileSync(file, `${base}reference: { "*": french }\n`);
    let error: unknown;
    try {
      resolveBattery(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DisparateError);
    expect((error as DisparateError).code).toBe('config');
    expect((error as DisparateError).message).toMatch(/b\d+\.yaml: reference\.\*: sets the reference of every attribute not named, so it can only be overall \(everyone else\); got "french"/);
  });
});
