import type { CsvEncoding } from "./decode";

export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFileError";
  }
}

/**
 * Decodes a byte stream whose encoding is only known once its first non-ASCII byte arrives.
 * ASCII passes through as is; at the first non-ASCII byte the rest of that chunk decides between
 * UTF-8 (strict: a later invalid sequence is a file error) and Shift_JIS (CP932).
 */
export class StreamingCsvDecoder {
  private decoder: TextDecoder | null = null;
  private chosen: CsvEncoding | null = null;
  private first = true;
  private offset = 0;

  get encoding(): CsvEncoding {
    return this.chosen ?? "utf-8";
  }

  push(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.first) {
      this.first = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.choose("utf-8-bom");
        bytes = bytes.subarray(3);
        this.offset += 3;
      }
    }
    if (bytes.includes(0)) {
      throw new CsvFileError("テキストのCSVファイルではありません（バイナリデータが含まれています）。Excelの「CSV（コンマ区切り）」で保存してください");
    }
    let text = "";
    if (!this.decoder) {
      const firstHigh = bytes.findIndex((b) => b >= 0x80);
      if (firstHigh < 0) {
        this.offset += bytes.length;
        return Buffer.from(bytes).toString("latin1");
      }
      text = Buffer.from(bytes.subarray(0, firstHigh)).toString("latin1");
      this.offset += firstHigh;
      bytes = bytes.subarray(firstHigh);
      this.choose(looksLikeUtf8(bytes) ? "utf-8" : "shift_jis");
    }
    return text + this.decode(bytes, true);
  }

  end(): string {
    return this.decoder ? this.decode(new Uint8Array(), false) : "";
  }

  private choose(encoding: CsvEncoding) {
    this.chosen = encoding;
    this.decoder = new TextDecoder(encoding === "shift_jis" ? "shift_jis" : "utf-8", {
      fatal: encoding !== "shift_jis",
      ignoreBOM: true,
    });
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      const text = this.decoder!.decode(bytes, { stream });
      this.offset += bytes.length;
      return text;
    } catch {
      throw new CsvFileError(
        `文字コードを判定できません（UTF-8として読めない箇所があります: ${this.offset.toLocaleString("ja-JP")}バイト目付近）。UTF-8 または Shift_JIS で保存してください`,
      );
    }
  }
}

/** Strict UTF-8 check of a chunk that may end in the middle of a character. */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
