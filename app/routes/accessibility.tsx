import type { MetaFunction } from "@remix-run/node";
import { accessibilityCheckedPages, accessibilityStatementDate } from "~/components/shell/accessibility-pages";
import { useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction = () => [{ title: "ウェブアクセシビリティ方針 | つなぐ" }];

/** Public: the statement is linked from every page, the login page included. */
export default function AccessibilityStatement() {
  const format = useFormat();
  return (
    <article className="statement">
      <h1>ウェブアクセシビリティ方針</h1>
      <p>
        「つなぐ」は、生活困窮者自立支援制度にかかわる厚生労働省・都道府県・市区町村の職員が、障害の有無や年齢、利用する機器にかかわらず使えるダッシュボードを目指しています。
      </p>
      <h2>目標とする適合レベル</h2>
      <p>
        日本産業規格 JIS X 8341-3:2016「高齢者・障害者等配慮設計指針－情報通信における機器，ソフトウェア及びサービス－第3部：ウェブコンテンツ」の<strong>適合レベルAA</strong>に準拠することを目標とします。
        対象はこのダッシュボードのすべての画面です。
      </p>
      <h2>取り組んでいること</h2>
      <ul>
        <li>すべてのグラフに「表で見る」の表（同じ数値）と、出典・データの時点を付けています。グラフは色だけでなく数値の表示、線の種類、網掛けでも区別できます。</li>
        <li>すべての操作をキーボードで行えます（本文へ移動するリンク、表の並べ替え、地図の都道府県、入力フォーム）。フォーカスの位置は枠線で示します。</li>
        <li>入力の誤りは、どの項目がなぜ誤りかを日本語で項目の近くに示し、読み上げソフトにも伝わるようにしています。</li>
        <li>表はすべて並べ替えができ、CSV（Excel向けUTF-8）でダウンロードできます。</li>
        <li>ページの言語（日本語）、見出しの構造、表の見出しセル、フォームのラベルを指定しています。</li>
      </ul>
      <h2>試験の方法と結果</h2>
      <p>
        変更のたびに自動試験を行っています。ブラウザ（Chromium）で次の画面を開き、axe-core（WCAG 2.1 のレベルA・AAの規則）で検査して、「重大（critical）」「深刻（serious）」の問題がないことを確かめています。あわせて、キーボードだけで主な操作ができることを試験しています。
      </p>
      <ul>
        {accessibilityCheckedPages.map((p) => (
          <li key={p.path}>
            {p.label}（<code>{p.path}</code>）
          </li>
        ))}
      </ul>
      <p>
        自動試験で見つけられない問題（内容のわかりやすさ、読み上げの順序の自然さなど）は、JIS X 8341-3:2016 の達成基準ごとの人による試験をまだ行っていません。このため、現時点では「準拠」ではなく「準拠を目標として取り組み中」と表明します。
      </p>
      <h2>既知の制約</h2>
      <ul>
        <li>表の並べ替えとCSVのダウンロードにはJavaScriptが必要です（表の内容はJavaScriptなしでも読めます）。</li>
        <li>都道府県や実施主体の多い表は横に長く、狭い画面では横方向のスクロールが必要です。</li>
      </ul>
      <h2>お問い合わせ</h2>
      <p>使いにくい点や読み上げられない箇所がありましたら、所属の都道府県またはシステム管理者（厚生労働省 社会・援護局 地域福祉課）までお知らせください。</p>
      <p className="kpi__note">策定・最終確認日: {format.date(`${accessibilityStatementDate}T03:00:00Z`)}</p>
    </article>
  );
}
