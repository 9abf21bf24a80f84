// npm run check:bundle (CI, after `npm run build`): fails when the gzipped JavaScript that "/" loads exceeds its budget
// (ADR 036). Over budget, look for a component that imports a module with a heavy dependency (scripts/bundle-size.ts).
import { describePageJavaScript, indexJavaScript, indexJavaScriptBudgetKB } from "./bundle-size";

const js = indexJavaScript();
console.log(`JavaScript for "/": ${describePageJavaScript(js)}`);
if (js.gzipBytes > indexJavaScriptBudgetKB * 1024) {
  console.error(`over budget by ${((js.gzipBytes - indexJavaScriptBudgetKB * 1024) / 1024).toFixed(1)} KB: ${js.files.map((f) => f.file).join(" ")}`);
  process.exit(1);
}
