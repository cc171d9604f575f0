import type { ColumnType } from '../sql/index.js';

/**
 * What a PostgreSQL column holds, from its type OID (pg_type.dat of PostgreSQL 15): text types, numbers,
 * booleans; anything else (dates, json, …) is 'other', usable only through an expression that casts it.
 */
export function postgresColumnType(oid: number): ColumnType {
  switch (oid) {
    case 25: // text
    case 1043: // varchar
    case 1042: // bpchar (char(n))
    case 19: // name
    case 18: // "char"
      return 'text';
    case 20: // int8
    case 21: // int2
    case 23: // int4
    case 700: // float4
    case 701: // float8
    case 1700: // numeric
      return 'number';
    case 16: // bool
      return 'boolean';
    default:
      return 'other';
  }
}
