import { z } from "zod";
import type { Database } from "../../db";
import { listUploads } from "../../db/queries/uploads";
import type { SessionUser } from "~/server/auth/session.server";
import { datasetIds, datasets, datasetsUploadableBy, isDatasetId } from "~/domain/datasets";

export const uploadListQuery = z.object({ all: z.literal("1").optional().catch(undefined) });

/** What the user may upload and read, and the uploads in their scope (failed and discarded ones on request). */
export async function loadUploadList(db: Database, user: SessionUser, query: z.infer<typeof uploadListQuery>) {
  const showAll = query.all === "1";
  const { rows: history, hiddenCount } = await listUploads(db, user, { includeHidden: showAll });
  return {
    showAll,
    hiddenCount,
    uploadable: datasetsUploadableBy(user.role).map((d) => ({ id: d.id, label: d.label, description: d.description })),
    readable: datasetIds.map((id) => ({ id, label: datasets[id].label })),
    history: history.map((h) => ({ ...h, datasetLabel: isDatasetId(h.dataset) ? datasets[h.dataset].label : h.dataset })),
  };
}
