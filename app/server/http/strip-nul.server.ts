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
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
