import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { stripNulBytes, withoutNulBytes } from "./strip-nul.server";

describe("stripNulBytes", () => {
  it("drops the zero bytes React 18 can leave at a buffer's end and keeps every character whole", async () => {
    const kyo = Buffer.from("京"); // e4 ba ac
    const to = Buffer.from("都"); // e9 83 bd
    // the second chunk is what the renderer flushed: the rest of a 2 KB buffer that "都" did not fit in
    const chunks = [Buffer.from('<a aria-label="'), Buffer.concat([kyo, Buffer.from([0, 0])]), Buffer.concat([to, Buffer.from(' 16.2">')])];
    const out = await text(Readable.from(chunks).pipe(stripNulBytes()));
    expect(out).toBe('<a aria-label="京都 16.2">');
  });

  it("passes chunks without zero bytes through unchanged", async () => {
    const chunk = Buffer.from("<p>鳥取県 福祉保健課</p>");
    const transform = stripNulBytes();
    const seen: Buffer[] = [];
    transform.on("data", (c: Buffer) => seen.push(c));
    await new Promise<void>((resolve) => transform.end(chunk, () => resolve()));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(chunk);
  });

  it("drops zero bytes wherever they are: first, last, in runs", () => {
    const chunk = Buffer.from([0, 0x41, 0, 0, 0x42, 0xe4, 0xba, 0xac, 0, 0x43, 0, 0]);
    expect(withoutNulBytes(chunk).toString("utf8")).toBe("AB京C");
    expect(withoutNulBytes(Buffer.from([0, 0, 0])).byteLength).toBe(0);
  });
});
