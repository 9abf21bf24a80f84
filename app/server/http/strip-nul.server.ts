import { Transform } from "node:stream";

/**
 * React 18's streaming renderer encodes into a 2 KB buffer and, when a multi-byte character would
 * straddle its end, can flush the buffer's unwritten zero bytes too (facebook/react#26228, fixed in
 * React 19): Japanese text then carries stray NUL bytes ("京\0都"), which screen readers and axe
 * read as part of the name. Rendered HTML never contains NUL (PostgreSQL text cannot hold it, and
 * the HTML parser would replace it), so every zero byte of the stream is dropped.
 */
export function stripNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, withoutNulBytes(chunk));
    },
  });
}

/** The chunk itself when it has no zero byte, else a copy without them (copied in runs, not byte by byte). */
export function withoutNulBytes(chunk: Buffer): Buffer {
  let zero = chunk.indexOf(0);
  if (zero === -1) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let length = 0;
  let from = 0;
  while (zero !== -1) {
    length += chunk.copy(out, length, from, zero);
    from = zero + 1;
    zero = chunk.indexOf(0, from);
  }
  length += chunk.copy(out, length, from);
  return out.subarray(0, length);
}
