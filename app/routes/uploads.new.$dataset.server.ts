import type { Params } from "@remix-run/react";
import { datasets, type DatasetDefinition } from "~/domain/datasets";
import { mayUpload } from "~/server/auth/access";
import { requireUser } from "~/server/auth/session.server";
import { parseOrNotFound } from "~/server/http/not-found";
import { datasetParams } from "~/server/pages/query-params";
import { uploadLimitsFromEnv } from "~/server/uploads/stage.server";
import { UploadForbiddenError } from "~/server/uploads/service.server";

/** The upload page of a dataset: the user, if their role may upload it (loader and action alike). */
export async function requireUploadPage(request: Request, params: Params) {
  const user = await requireUser(request);
  const definition = datasets[parseOrNotFound(datasetParams, params, "データの種類が見つかりません").dataset];
  if (!mayUpload(user, definition)) throw new Response(new UploadForbiddenError().message, { status: 403 });
  return { user, definition };
}

/** What the form shows: the dataset, its columns and the limits of a file. */
export function uploadPageData(d: DatasetDefinition) {
  const limits = uploadLimitsFromEnv();
  return {
    id: d.id,
    label: d.label,
    description: d.description,
    maxMegabytes: Math.round(limits.maxBytes / 1024 / 1024),
    maxRows: limits.maxRows,
    columns: d.columns.map((c) => ({ header: c.header, aliases: c.aliases.join("、"), required: c.required, description: c.description, example: c.example })),
  };
}
