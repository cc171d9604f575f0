/**
 * The Arrow IPC *file* format around a stream: "ARROW1" + padding, the stream's messages and its
 * end-of-stream marker, then a footer (a flatbuffer holding the schema and the position of every
 * dictionary and record batch), its length and "ARROW1" again. Readers that seek (pyarrow's
 * `ipc.open_file` and `feather.read_table`, the apache-arrow JS file reader, DuckDB) need the footer;
 * the stream alone serves readers that scan. Written by hand because the footer is only known once
 * every chunk is written, and Arrow's encoders build it from a table held whole in memory.
 */

/** Where one message sits in the file: its start, metadata length (8-byte prefix and padding included), body length. */
export interface ArrowBlock {
  readonly offset: number;
  readonly metaDataLength: number;
  readonly bodyLength: number;
}

/** "ARROW1" padded to 8 bytes: the first bytes of an Arrow IPC file. */
export const ARROW_FILE_MAGIC = Uint8Array.of(65, 82, 82, 79, 87, 49, 0, 0);

/** Metadata version V5, as in the messages Arrow's encoders write. */
const METADATA_V5 = 4;

/**
 * Position of the Schema table inside a schema message's flatbuffer (the message's field 2,
 * `header`), so the footer can point at a verbatim copy of it.
 */
function schemaTablePosition(fb: DataView): number {
  const table = fb.getUint32(0, true);
  const vtable = table - fb.getInt32(table, true);
  const fieldOffset = fb.getUint16(vtable + 4 + 2 * 2, true);
  if (fieldOffset === 0) throw new Error('Arrow schema message without a header');
  return table + fieldOffset + fb.getUint32(table + fieldOffset, true);
}

/**
 * The footer and the file's tail (footer length and closing magic) for messages already written.
 * `schemaMessage` is the whole schema message as it appears in the stream (continuation marker,
 * length, flatbuffer); its Schema table is copied verbatim, flatbuffer offsets being relative.
 *
 * @example
 * const tail = arrowFileTail(schemaBytes, [{ offset: 8 + schemaBytes.length, metaDataLength: 136, bodyLength: 40 }], batches);
 */
export function arrowFileTail(schemaMessage: Uint8Array, dictionaries: readonly ArrowBlock[], records: readonly ArrowBlock[]): Uint8Array {
  const messageView = new DataView(schemaMessage.buffer, schemaMessage.byteOffset, schemaMessage.byteLength);
  const metaLength = messageView.getInt32(4, true);
  const fb = schemaMessage.subarray(8, 8 + metaLength);
  const schemaAt = schemaTablePosition(new DataView(fb.buffer, fb.byteOffset, fb.byteLength));

  // Layout: root offset | vtable (12 bytes) | table (20 bytes) | dictionary blocks | record blocks | schema flatbuffer.
  const VTABLE = 4;
  const TABLE = 16;
  const dictsAt = 36; // vector length; elements at 40 (8-aligned)
  const recsEnd = dictsAt + 4 + 24 * dictionaries.length;
  const recsAt = recsEnd + 4; // ≡ 4 (mod 8): elements 8-aligned
  const copyAt = align8(recsAt + 4 + 24 * records.length);
  const footerLength = align8(copyAt + fb.byteLength);

  const out = new Uint8Array(footerLength + 4 + 6);
  const view = new DataView(out.buffer);
  view.setUint32(0, TABLE, true);
  // vtable: its size, the table's size, then each field's offset in the table.
  [12, 20, 4, 8, 12, 16].forEach((v, i) => view.setUint16(VTABLE + 2 * i, v, true));
  view.setInt32(TABLE, TABLE - VTABLE, true);
  view.setInt16(TABLE + 4, METADATA_V5, true);
  view.setUint32(TABLE + 8, copyAt + schemaAt - (TABLE + 8), true);
  view.setUint32(TABLE + 12, dictsAt - (TABLE + 12), true);
  view.setUint32(TABLE + 16, recsAt - (TABLE + 16), true);
  writeBlocks(view, dictsAt, dictionaries);
  writeBlocks(view, recsAt, records);
  out.set(fb, copyAt);
  view.setInt32(footerLength, footerLength, true);
  out.set(ARROW_FILE_MAGIC.subarray(0, 6), footerLength + 4);
  return out;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** A vector of Block structs: { offset: int64, metaDataLength: int32, (padding), bodyLength: int64 }. */
function writeBlocks(view: DataView, at: number, blocks: readonly ArrowBlock[]): void {
  view.setUint32(at, blocks.length, true);
  blocks.forEach((b, i) => {
    const p = at + 4 + 24 * i;
    view.setBigInt64(p, BigInt(b.offset), true);
    view.setInt32(p + 8, b.metaDataLength, true);
    view.setBigInt64(p + 16, BigInt(b.bodyLength), true);
  });
}
