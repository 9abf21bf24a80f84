import { describe, expect, it } from "vitest";
import { csvRecordBatches, type CsvRecord } from "./records";

async function read(chunks: string[], piece = 1): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const batch of csvRecordBatches((async function* () { yield* chunks; })(), piece)) records.push(...batch);
  return records;
}

/** The text cut into pieces of `size` characters, read with pieces of at least `piece`. */
async function readInPieces(text: string, size: number, piece = 1): Promise<CsvRecord[]> {
  return read(text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [], piece);
}

const sizes = [1, 2, 3, 7, 100];

describe("csvRecordBatches", () => {
  it("never cuts inside a quoted cell, whatever the chunking", async () => {
    const text = 'a,b\r\n"1,5","line\r\nbreak"\r\n"say ""hi""",x\r\n';
    for (const size of sizes) {
      for (const piece of [1, 64 * 1024]) {
        expect(await readInPieces(text, size, piece)).toEqual([
          { line: 1, cells: ["a", "b"] },
          { line: 2, cells: ["1,5", "line\r\nbreak"] },
          { line: 4, cells: ['say "hi"', "x"] },
        ]);
      }
    }
  });

  it("keeps the delimiter guessed on the first line, so tabs work in every piece", async () => {
    expect((await read(["a\tb\n1\t2\n", "3\t4\n"])).map((r) => r.cells)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect((await read(['"x,y";a;b\n1;2,5;3\n'])).map((r) => r.cells)).toEqual([
      ["x,y", "a", "b"],
      ["1", "2,5", "3"],
    ]);
  });

  it("numbers records by the file's own lines: blank lines, CRLF, LF, a lone CR and breaks inside quotes counted", async () => {
    const text = 'a,b\r\n\r\n1,2\n\n\n"x\ny\r\nz",3\r4,5\r\n,\r\n6,7';
    for (const size of sizes) {
      expect(await readInPieces(text, size)).toEqual([
        { line: 1, cells: ["a", "b"] },
        { line: 3, cells: ["1", "2"] },
        { line: 6, cells: ["x\ny\r\nz", "3"] },
        { line: 9, cells: ["4", "5"] },
        { line: 10, cells: ["", ""] },
        { line: 11, cells: ["6", "7"] },
      ]);
    }
  });

  it("reports an unclosed quote at the line where its cell starts, the rest of the file read into that cell", async () => {
    const text = 'a,b,c\r\n1,2,3\r\n\r\n"x\r\ny",4,"5\r\n6,7,8\r\n9,10,11\r\n';
    for (const size of sizes) {
      expect(await readInPieces(text, size)).toEqual([
        { line: 1, cells: ["a", "b", "c"] },
        { line: 2, cells: ["1", "2", "3"] },
        { line: 4, cells: ["x\r\ny", "4", "5\r\n6,7,8\r\n9,10,11\r\n"], quoteError: { kind: "unclosed", line: 5, cell: 2 } },
      ]);
    }
  });

  it("reports text after a closing quote, keeps a quote inside an unquoted cell as written", async () => {
    expect(await read(['a,b\n"12"cm,x\n12",y\n'])).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ['12"cm', "x"], quoteError: { kind: "stray", line: 2, cell: 0 } },
      { line: 3, cells: ['12"', "y"] },
    ]);
  });

  it("handles a last line without a break and a trailing delimiter", async () => {
    expect(await read(["a,b\n", "1,"])).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", ""] },
    ]);
  });
});
