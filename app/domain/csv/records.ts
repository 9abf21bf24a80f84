import Papa from "papaparse";

/**
 * Splits a stream of decoded text into batches of CSV records. Text is cut only at a line break
 * outside quotes, each piece is parsed by PapaParse in one call (far faster than PapaParse's
 * per-row stream), and the delimiter (comma, tab or semicolon) guessed on the first piece is kept.
 */
export async function* csvRecordBatches(chunks: AsyncIterable<string>, minimumPiece = 64 * 1024): AsyncGenerator<string[][]> {
  let buffer = "";
  let scanned = 0;
  let inQuotes = false;
  let lastSafe = -1;
  let delimiter: string | undefined;

  const parse = (text: string): string[][] => {
    const result = Papa.parse<string[]>(text, {
      delimiter: delimiter ?? "",
      delimitersToGuess: [",", "\t", ";"],
      skipEmptyLines: "greedy",
    });
    delimiter ??= result.meta.delimiter || ",";
    return result.data;
  };

  for await (const chunk of chunks) {
    buffer += chunk;
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) lastSafe = i;
    }
    scanned = buffer.length;
    if (lastSafe >= 0 && lastSafe + 1 >= minimumPiece) {
      const piece = buffer.slice(0, lastSafe + 1);
      buffer = buffer.slice(lastSafe + 1);
      scanned = buffer.length;
      lastSafe = -1;
      yield parse(piece);
    }
  }
  if (buffer.length > 0) yield parse(buffer);
}
