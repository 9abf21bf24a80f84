// CSV text for downloads, safe on the client too (no encoder dependencies).

/**
 * A cell that a spreadsheet would read as a formula (= + - @, or a leading tab / CR) is prefixed
 * with an apostrophe, as OWASP recommends against CSV injection.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown): string {
  const text = neutralizeFormula(value === null || value === undefined ? "" : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
