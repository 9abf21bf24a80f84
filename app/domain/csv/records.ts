// Reads CSV text into records that know the line of the file they start on, so every message can
// name the line a user sees in an editor. RFC 4180, read strictly where a mistake would move values:
// a quote that is never closed, or closed before other text, is reported instead of swallowing rows.

/** A quote problem in a record: the quoted cell at `cell` (0-based) opened on `line` never closes ("unclosed") or closes before other text ("stray"). */
export type QuoteError = { kind: "unclosed" | "stray"; line: number; cell: number };

export type CsvRecord = {
  /** the file's line the record starts on: 1-based, blank lines and line breaks inside quoted cells counted */
  line: number;
  cells: string[];
  quoteError?: QuoteError;
  /** cells a workbook reader could not turn into text (an error value, a formula without its result), with why */
  cellErrors?: { cell: number; value: string; reason: string }[];
};

const QUOTE = 34;
const LF = 10;
const CR = 13;
const delimiters = [",", "\t", ";"] as const;

/**
 * The delimiter (comma, tab or semicolon) the first line holds most often outside quotes, comma on a
 * tie; null while the first line has not ended and more text may come.
 */
export function guessDelimiter(text: string, final: boolean): string | null {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let inQuotes = false;
  let ended = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      ended = true;
      break;
    } else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  if (!ended && !final) return null;
  let best: string = ",";
  for (const d of delimiters) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Line breaks (CRLF, LF or a lone CR) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

type Parsed = { records: CsvRecord[]; end: number; line: number };

/**
 * Parses the complete records of `text` from its start (on line `line`). Unless `final`, a record
 * that might continue in the next piece of text is left unparsed: `end` is where it starts.
 */
function parseRecords(text: string, delimiter: number, line: number, final: boolean): Parsed {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let end = 0;
  let endLine = line;
  records: while (i < n) {
    const startLine = line;
    let c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      // an empty line: counted, not a record
      if (c === CR && i + 1 >= n && !final) break;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      end = i;
      endLine = line;
      continue;
    }
    const cells: string[] = [];
    let quoteError: QuoteError | undefined;
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const cellLine = line;
        value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) break records;
            value += text.slice(from);
            line += countBreaks(text, from, n);
            i = n;
            quoteError = { kind: "unclosed", line: cellLine, cell: cells.length };
            break;
          }
          value += text.slice(from, q);
          line += countBreaks(text, from, q);
          if (q + 1 >= n && !final) break records;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        c = i < n ? text.charCodeAt(i) : -1;
        if (c !== -1 && c !== delimiter && c !== LF && c !== CR) {
          // text after the closing quote: kept as written, reported
          quoteError ??= { kind: "stray", line: cellLine, cell: cells.length };
          const from2 = i;
          while (i < n && (c = text.charCodeAt(i)) !== delimiter && c !== LF && c !== CR) i++;
          value += `"${text.slice(from2, i)}`;
        }
      } else {
        const from = i;
        while (i < n && (c = text.charCodeAt(i)) !== delimiter && c !== LF && c !== CR) i++;
        value = text.slice(from, i);
      }
      cells.push(value);
      if (i >= n) {
        if (!final) break records;
        break;
      }
      c = text.charCodeAt(i);
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === CR && i + 1 >= n && !final) break records;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(quoteError ? { line: startLine, cells, quoteError } : { line: startLine, cells });
    end = i;
    endLine = line;
  }
  return { records, end, line: endLine };
}

/**
 * Splits a stream of decoded text into batches of CSV records. A piece of text is parsed once at
 * least `minimumPiece` characters (and twice the unfinished rest of the last piece) have arrived, so
 * a long quoted cell is not parsed again and again. The delimiter (comma, tab or semicolon) is
 * guessed on the first line and kept.
 */
export async function* csvRecordBatches(chunks: AsyncIterable<string>, minimumPiece = 64 * 1024): AsyncGenerator<CsvRecord[]> {
  let buffer = "";
  let line = 1;
  let delimiter = -1;
  let waitFor = minimumPiece;

  const parse = (final: boolean): CsvRecord[] => {
    if (delimiter < 0) {
      const guessed = guessDelimiter(buffer, final);
      if (guessed === null) return [];
      delimiter = guessed.charCodeAt(0);
    }
    const parsed = parseRecords(buffer, delimiter, line, final);
    buffer = buffer.slice(parsed.end);
    line = parsed.line;
    return parsed.records;
  };

  for await (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length < waitFor) continue;
    const records = parse(false);
    waitFor = Math.max(minimumPiece, buffer.length * 2);
    if (records.length > 0) yield records;
  }
  const records = parse(true);
  if (records.length > 0) yield records;
}
