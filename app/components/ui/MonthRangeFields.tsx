/** The from/to month inputs of a trend filter (same names on every page: from, to). */
export function MonthRangeFields({ from, to }: { from?: string; to?: string }) {
  return (
    <>
      <div className="field">
        <label htmlFor="filter-from">推移の開始月</label>
        <input id="filter-from" type="month" name="from" defaultValue={from} min="2015-04" />
      </div>
      <div className="field">
        <label htmlFor="filter-to">推移の終了月</label>
        <input id="filter-to" type="month" name="to" defaultValue={to} min="2015-04" />
      </div>
    </>
  );
}
