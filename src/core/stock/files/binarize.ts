/**
 * FileBufferReader's "binarize" format, which stock's file chunks travel in:
 * each value is a type byte, for arrays and objects a uint16 count, a uint32
 * byte length, then the payload; big-endian; strings as UTF-16 code units,
 * numbers as float64, booleans as one byte, objects as key/value pairs.
 * Written here so a file needs no FileBufferReader.js on the page; the bytes
 * are FileBufferReader's own (checked against it in test/unit/binarize.test.ts).
 */

const Type = {
  Null: 0,
  Undefined: 1,
  String: 2,
  Number: 3,
  Boolean: 4,
  Array: 5,
  Object: 6,
  ArrayBuffer: 15,
} as const;

/** Typed arrays (types 7–14) decode to their own kind, as FileBufferReader's do. */
const TYPED_ARRAYS = [
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
  Float32Array,
  Float64Array,
] as const;
const FIRST_TYPED_ARRAY = 7;

/** Far deeper than any chunk (two levels); a deeper frame is refused rather than recursed into. */
const MAX_DEPTH = 16;

export type Packable = null | undefined | string | number | boolean | ArrayBuffer | Packable[] | PackableObject;
export interface PackableObject {
  [key: string]: Packable;
}

/** Packs `value` into a new ArrayBuffer. Other values (functions, typed arrays) throw a TypeError. */
export function pack(value: Packable): ArrayBuffer {
  const buffer = new ArrayBuffer(measure(value));
  const end = write(new DataView(buffer), 0, value);
  if (end !== buffer.byteLength) throw new Error(`binarize: wrote ${end} of ${buffer.byteLength} bytes`);
  return buffer;
}

/** Unpacks one value; a frame that is cut short, malformed or too deep throws a RangeError or TypeError. */
export function unpack(frame: ArrayBuffer | ArrayBufferView): unknown {
  const view =
    frame instanceof ArrayBuffer ? new DataView(frame) : new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return read(view, 0, 0).value;
}

function headerSize(value: Packable): number {
  return Array.isArray(value) || isObject(value) ? 7 : 5;
}

/** Bytes after the header, children's headers included. */
function payloadSize(value: Packable): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 1;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + measure(item), 0);
  if (isObject(value)) return Object.entries(value).reduce((sum, [key, item]) => sum + measure(key) + measure(item), 0);
  throw new TypeError(`binarize: cannot pack ${Object.prototype.toString.call(value)}`);
}

function measure(value: Packable): number {
  return headerSize(value) + payloadSize(value);
}

function write(view: DataView, at: number, value: Packable): number {
  let cursor = at;
  const header = (type: number, count?: number) => {
    view.setUint8(cursor, type);
    cursor += 1;
    if (count !== undefined) {
      view.setUint16(cursor, count);
      cursor += 2;
    }
    view.setUint32(cursor, payloadSize(value));
    cursor += 4;
  };
  if (value === null) header(Type.Null);
  else if (value === undefined) header(Type.Undefined);
  else if (typeof value === 'string') {
    header(Type.String);
    for (let index = 0; index < value.length; index++, cursor += 2) view.setUint16(cursor, value.charCodeAt(index));
  } else if (typeof value === 'number') {
    header(Type.Number);
    view.setFloat64(cursor, value);
    cursor += 8;
  } else if (typeof value === 'boolean') {
    header(Type.Boolean);
    view.setUint8(cursor, value ? 1 : 0);
    cursor += 1;
  } else if (value instanceof ArrayBuffer) {
    header(Type.ArrayBuffer);
    new Uint8Array(view.buffer, cursor, value.byteLength).set(new Uint8Array(value));
    cursor += value.byteLength;
  } else if (Array.isArray(value)) {
    header(Type.Array, value.length);
    for (const item of value) cursor = write(view, cursor, item);
  } else {
    const entries = Object.entries(value);
    header(Type.Object, entries.length);
    for (const [key, item] of entries) cursor = write(view, write(view, cursor, key), item);
  }
  return cursor;
}

function read(view: DataView, at: number, depth: number): { value: unknown; cursor: number } {
  if (depth > MAX_DEPTH) throw new RangeError('binarize: nested too deep');
  let cursor = at;
  const type = view.getUint8(cursor);
  cursor += 1;
  let count = 0;
  if (type === Type.Array || type === Type.Object) {
    count = view.getUint16(cursor);
    cursor += 2;
  }
  const byteLength = view.getUint32(cursor);
  cursor += 4;
  if (cursor + byteLength > view.byteLength) throw new RangeError('binarize: frame cut short');
  switch (type) {
    case Type.Null:
    case Type.Undefined:
      return { value: null, cursor };
    case Type.String: {
      if (byteLength % 2) throw new RangeError('binarize: odd string length');
      const units = new Array<number>(byteLength / 2);
      for (let index = 0; index < units.length; index++, cursor += 2) units[index] = view.getUint16(cursor);
      return { value: decodeUnits(units), cursor };
    }
    case Type.Number:
      return { value: view.getFloat64(cursor), cursor: cursor + 8 };
    case Type.Boolean:
      return { value: view.getUint8(cursor) === 1, cursor: cursor + 1 };
    case Type.ArrayBuffer:
      return { value: copyBytes(view, cursor, byteLength), cursor: cursor + byteLength };
    case Type.Array: {
      const items: unknown[] = [];
      for (let index = 0; index < count; index++) {
        const item = read(view, cursor, depth + 1);
        items.push(item.value);
        cursor = item.cursor;
      }
      return { value: items, cursor };
    }
    case Type.Object: {
      const object: Record<string, unknown> = {};
      for (let index = 0; index < count; index++) {
        const key = read(view, cursor, depth + 1);
        const item = read(view, key.cursor, depth + 1);
        cursor = item.cursor;
        if (typeof key.value !== 'string') throw new TypeError('binarize: an object key that is not a string');
        // Defined, not assigned: a "__proto__" key stays a plain key instead of replacing the prototype.
        Object.defineProperty(object, key.value, {
          value: item.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return { value: object, cursor };
    }
    default: {
      const TypedArray = TYPED_ARRAYS[type - FIRST_TYPED_ARRAY];
      if (!TypedArray) throw new TypeError(`binarize: unsupported type ${type}`);
      if (byteLength % TypedArray.BYTES_PER_ELEMENT) throw new RangeError('binarize: typed array length');
      return { value: new TypedArray(copyBytes(view, cursor, byteLength)), cursor: cursor + byteLength };
    }
  }
}

function copyBytes(view: DataView, at: number, length: number): ArrayBuffer {
  return view.buffer.slice(view.byteOffset + at, view.byteOffset + at + length) as ArrayBuffer;
}

/** Code units to a string, in slices: one `fromCharCode` call per 8 K units keeps long strings off the stack limit. */
function decodeUnits(units: number[]): string {
  let text = '';
  for (let start = 0; start < units.length; start += 8192)
    text += String.fromCharCode(...units.slice(start, start + 8192));
  return text;
}

function isObject(value: unknown): value is PackableObject {
  return typeof value === 'object' && value !== null && !(value instanceof ArrayBuffer) && !Array.isArray(value);
}
