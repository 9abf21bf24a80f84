/** The upload is not in a state that allows the operation (the message says why, for the user). */
export class UploadStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadStateError";
  }
}

/** The actor may not upload this dataset. */
export class UploadForbiddenError extends Error {
  constructor() {
    super("このデータをアップロードする権限がありません");
    this.name = "UploadForbiddenError";
  }
}

/** The upload does not exist, or lies outside the actor's scope (the two answer alike, so existence does not leak). */
export class UploadNotFoundError extends Error {
  constructor() {
    super("アップロードが見つかりません");
    this.name = "UploadNotFoundError";
  }
}

/** The upload's byte stream broke off (client gone, body shorter than declared, malformed multipart). */
export class UploadStreamError extends Error {
  constructor(cause: unknown) {
    super("the upload stream ended with an error", { cause });
    this.name = "UploadStreamError";
  }
}

export const stoppedStagingMessage = "読み込みが途中で止まったため、取り込んでいません。もう一度アップロードしてください";

/** A municipality's upload or revert would change months its prefecture confirmed (ADR 022); nothing was applied. */
export class ConfirmedMonthError extends UploadStateError {
  constructor(message: string) {
    super(message);
    this.name = "ConfirmedMonthError";
  }
}
