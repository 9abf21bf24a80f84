import { Readable } from "node:stream";
import type { Request, RequestHandler } from "express";

export const nulMessage = "入力に使えない文字（NUL）が含まれています";
export const unsupportedMessage = "この形式の送信は受け付けていません。画面のフォームから送信してください。";
const maxFormBytes = 2 * 1024 * 1024;

/** A url-encoded body carries NUL as %00 (a typed "%00" is sent as %2500) or, from other clients, as a raw zero byte. */
export function formBodyHasNul(body: Buffer): boolean {
  return body.includes(0) || body.includes("%00");
}

/** The request with its (already read) body readable once more, for the Remix adapter that streams it. */
function withBody(req: Request, body: Buffer): Request {
  const replay = Readable.from([body]);
  const own = (value: unknown) => ({ value });
  const fns = ["on", "once", "off", "removeListener", "pause", "resume", "destroy"] as const;
  return Object.create(req, {
    ...Object.fromEntries(fns.map((name) => [name, own(replay[name].bind(replay))])),
    readable: { get: () => replay.readable },
    readableHighWaterMark: own(replay.readableHighWaterMark),
  }) as Request;
}

/**
 * PostgreSQL text cannot hold NUL, so a NUL in any field of any form would end in a 500 deep in a
 * query. Every url-encoded form (all but the file upload, whose route reads its own body) is read
 * here once and refused with 400 when it carries one; otherwise the handler gets it unchanged. A body
 * of another type (text/plain, JSON) is no form of ours: 415.
 */
export function refuseNulInForms(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || !req.headers["content-type"] || req.is("multipart/form-data")) return void handler(req, res, next);
    // every action reads request.formData(), which throws (a 500) on any other body
    if (!req.is("application/x-www-form-urlencoded")) return void res.status(415).type("text/plain; charset=utf-8").send(unsupportedMessage);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxFormBytes) chunks.push(chunk);
    });
    req.once("error", next);
    req.once("end", () => {
      if (size > maxFormBytes) return void res.status(413).type("text/plain; charset=utf-8").send("入力が大きすぎます。");
      const body = Buffer.concat(chunks);
      if (formBodyHasNul(body)) return void res.status(400).type("text/plain; charset=utf-8").send(nulMessage);
      void handler(withBody(req, body), res, next);
    });
  };
}
