import { describe, expect, it } from "vitest";
import { csvRecordBatches } from "./records";

async function collect(chunks: string[], piece = 1) {
  const rows: string[][] = [];
  for await (const batch of csvRecordBatches((async function* () { yield* chunks; })(), piece)) rows.push(...batch);
  return rows;
}

describe("csvRecordBatches", () => {
  it("never cuts inside a quoted cell, whatever the chunking", async () => {
    const text = 'a,b\r\n"1,5","line\r\nbreak"\r\n"say ""hi""",x\r\n';
    for (const size of [1, 2, 3, 7, 100]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!;
      expect(await collect(chunks)).toEqual([
        ["a", "b"],
        ["1,5", "line\r\nbreak"],
        ['say "hi"', "x"],
      ]);
    }
  });

  it("keeps the delimiter guessed on the first piece, so tabs work in every piece", async () => {
    expect(await collect(["a\tb\n1\t2\n", "3\t4\n"])).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("skips blank lines and handles a last line without a break", async () => {
    expect(await collect(["a,b\n\n", "1,2"])).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});
