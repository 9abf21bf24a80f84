import { normalizeHeader } from "../csv/decode";
import type { DatasetDefinition } from "./types";

/**
 * The template's first column marks its example rows: a row with 「例」 there is never staged, so an
 * example can never be committed. The parser knows the column; users delete the rows or the mark.
 */
export const exampleColumn = { header: "例", aliases: ["記入例"], mark: "例" } as const;

/** Whether a header cell is the example-marker column. */
export function isExampleHeader(cell: string): boolean {
  const h = normalizeHeader(cell);
  return [exampleColumn.header, ...exampleColumn.aliases].some((name) => normalizeHeader(name) === h);
}

/** The downloadable template: the header row and the example rows, each marked in the 「例」 column. */
export function templateTable(d: DatasetDefinition): { header: string[]; rows: string[][] } {
  return {
    header: [exampleColumn.header, ...d.columns.map((c) => c.header)],
    rows: d.templateRows.map((r) => [exampleColumn.mark, ...r]),
  };
}

export const exampleRowMessage = `テンプレートの記入例の行です。「${exampleColumn.header}」の列に印のある行は取り込みません（行を削除するか、自分のデータに書き換えて印を消してください）`;
export const unchangedTemplateMessage = "テンプレートの記入例のままです。記入例の行を削除し、自分の自治体のデータを入力してからアップロードしてください";
