/** One top-level field of a protobuf message: its number, wire type and raw bytes (payload for length-delimited). */
export interface ProtobufField {
  readonly field: number;
  readonly wire: number;
  /** Varint value (wire type 0), else 0. */
  readonly value: number;
  /** Payload of a length-delimited field (wire type 2); the whole encoded field otherwise. */
  readonly bytes: Uint8Array;
  /** The field exactly as encoded (tag included), for copying it unchanged. */
  readonly raw: Uint8Array;
}

function varint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
}

/**
 * Splits a protobuf message into its top-level fields, without a schema. Enough to read an ONNX
 * graph's names and types and to rewrite its outputs; throws on malformed bytes.
 *
 * @example protobufFields(bytes).filter((f) => f.field === 7) // an ONNX ModelProto's graph
 */
export function protobufFields(buf: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [tag, afterTag] = varint(buf, pos);
    pos = afterTag;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let value = 0;
    let bytes: Uint8Array;
    if (wire === 0) {
      [value, pos] = varint(buf, pos);
      bytes = buf.subarray(start, pos);
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      bytes = buf.subarray(start, pos);
    } else if (wire === 2) {
      const [length, body] = varint(buf, pos);
      pos = body + length;
      bytes = buf.subarray(body, pos);
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    if (pos > buf.length) throw new Error('truncated field');
    fields.push({ field, wire, value, bytes, raw: buf.subarray(start, pos) });
  }
  return fields;
}

/** The values of a packed repeated varint field. */
export function packedVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    let value;
    [value, pos] = varint(bytes, pos);
    values.push(value);
  }
  return values;
}

/** A protobuf varint's bytes. */
export function encodeVarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** A length-delimited field (bytes, a string or an embedded message) as encoded. */
export function encodeBytesField(field: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(field * 8 + 2), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

/** A protobuf field's payload as UTF-8 text. */
export function fieldText(f: ProtobufField): string {
  return new TextDecoder().decode(f.bytes);
}

/** A varint as a signed 64-bit integer (int64 fields: a negative value takes ten bytes), from `pos`. */
function signedVarint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [Number(BigInt.asIntN(64, value)), pos];
    shift += 7n;
  }
}

/** The values of a repeated int64 field's occurrence: packed (wire type 2) or one varint (wire type 0), signed. */
export function int64Values(f: ProtobufField): number[] {
  if (f.wire === 0) return [signedVarint(f.raw, encodeVarint(f.field * 8).length)[0]];
  const values: number[] = [];
  for (let pos = 0; pos < f.bytes.length; ) {
    let value;
    [value, pos] = signedVarint(f.bytes, pos);
    values.push(value);
  }
  return values;
}

/** The values of a repeated float field's occurrence: packed (wire type 2) or one fixed32 (wire type 5). */
export function float32Values(f: ProtobufField): number[] {
  const bytes = f.wire === 5 ? f.bytes.subarray(f.bytes.length - 4) : f.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.floor(bytes.length / 4) }, (_, k) => view.getFloat32(4 * k, true));
}
