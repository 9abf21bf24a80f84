import { getTableColumns, getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { datasetIds } from "~/domain/datasets/types";
import { columnName, datasetTables } from "./dataset-tables";

describe("dataset tables", () => {
  it.each(datasetIds)("%s: the staging table mirrors the key and value columns of the target", (id) => {
    const t = datasetTables[id];
    expect(Object.values(getTableColumns(t.staging)).map(columnName)).toEqual(["upload_id", "line", "part", ...t.keyColumns.map(columnName), ...t.valueColumns.map(columnName)]);
    for (const c of [...t.keyColumns, ...t.valueColumns]) expect(getTableName(c.table)).toBe(getTableName(t.target));
    expect(Object.values(getTableColumns(t.target)).map(columnName)).toContain("upload_id");
    expect(getTableName(t.staging)).toBe(`staged_${getTableName(t.target)}`);
  });
});
