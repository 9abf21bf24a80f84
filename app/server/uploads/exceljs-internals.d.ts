// ExcelJS 4.4.0's own helpers for its streaming reader, used by our mends of it (xlsx-records.ts).
declare module "exceljs/lib/utils/iterate-stream.js" {
  export default function iterateStream(stream: NodeJS.ReadableStream): AsyncIterable<Buffer | string>;
}
declare module "exceljs/lib/utils/parse-sax.js" {
  type SaxEvent =
    | { eventType: "opentag"; value: { name: string; attributes: Record<string, string> } }
    | { eventType: "closetag"; value: { name: string } }
    | { eventType: "text"; value: string };
  export default function parseSax(iterable: AsyncIterable<Buffer | string>): AsyncIterable<SaxEvent[]>;
}
// unzipper 0.10.14, the version ExcelJS 4.4.0 reads zips with; only what xlsx-records.ts uses.
declare module "unzipper" {
  import type { Duplex, PassThrough } from "node:stream";
  export interface ZipEntry extends PassThrough {
    path: string;
    autodrain(): unknown;
  }
  export function Parse(options?: { forceStream?: boolean }): Duplex;
  const unzip: { Parse: typeof Parse };
  export default unzip;
}
