// 全国地方公共団体コード: 5 digits (prefecture 2 + body 3) followed by a check digit.

const weights = [6, 5, 4, 3, 2] as const;

export function checkDigit(fiveDigits: string): number {
  if (!/^\d{5}$/.test(fiveDigits)) throw new Error(`not a 5-digit code: ${fiveDigits}`);
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(fiveDigits[i]) * weights[i]!;
  return (11 - (sum % 11)) % 10;
}

export function isValidLocalGovernmentCode(code: string): boolean {
  return /^\d{6}$/.test(code) && checkDigit(code.slice(0, 5)) === Number(code[5]);
}

/** Adds the check digit to a 5-digit code; returns a valid 6-digit code unchanged. */
export function toSixDigitCode(code: string): string | null {
  const trimmed = code.trim();
  if (/^\d{5}$/.test(trimmed)) return `${trimmed}${checkDigit(trimmed)}`;
  if (isValidLocalGovernmentCode(trimmed)) return trimmed;
  return null;
}

export function prefectureBodyCode(prefectureCode: string): string {
  const five = `${prefectureCode.padStart(2, "0")}000`;
  return `${five}${checkDigit(five)}`;
}

