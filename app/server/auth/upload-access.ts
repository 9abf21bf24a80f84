// Kept while the upload service moves (issue 14): the rule lives in access.ts.
export { canManageUpload } from "./access";
