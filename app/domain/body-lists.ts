// Users' named lists of implementing bodies (ADR 025): what the form accepts.

export const bodyListNameMaxLength = 50;
export const bodyListMaxMembers = 300;

export type BodyCodesParse = { codes: string[]; errors: string[] };

/**
 * The members typed into the form: 6-digit local-government codes (5 digits without the check digit are
 * not accepted: the check digit catches a mistyped code), separated by newlines, commas, 、 or spaces;
 * full-width digits are read as ASCII; duplicates are kept once. Each bad entry is an error in Japanese
 * with its position and value.
 */
export function parseBodyCodes(text: string): BodyCodesParse {
  const entries = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .split(/[\s,，、]+/)
    .filter((e) => e !== "");
  const codes: string[] = [];
  const errors: string[] = [];
  entries.forEach((entry, i) => {
    if (!/^\d{6}$/.test(entry)) errors.push(`${i + 1}番目の「${entry.slice(0, 20)}」: 自治体コードは6桁の数字（検査数字を含む）で入力してください`);
    else if (!codes.includes(entry)) codes.push(entry);
  });
  if (codes.length > bodyListMaxMembers) errors.push(`実施主体は${bodyListMaxMembers}団体までです（${codes.length}団体）`);
  return { codes, errors };
}
