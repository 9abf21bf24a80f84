import { Link } from "@remix-run/react";

/** The way to submit monthly figures: the upload page and the template (UTF-8 with BOM, as Excel opens it). */
export function MonthlyUploadLinks() {
  return (
    <p>
      <Link to="/uploads/new/monthly_support">月次支援状況をアップロードする</Link>（
      <a href="/datasets/monthly_support/download?kind=template&encoding=utf-8-bom" download>
        テンプレート（Excel向けCSV）
      </a>
      ）
    </p>
  );
}
