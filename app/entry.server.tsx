import type { ActionFunctionArgs, AppLoadContext, EntryContext, HandleDataRequestFunction, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "~/server/http/logger.server";
import { stripNulBytes } from "~/server/http/strip-nul.server";
import "~/server/http/load-context";
import { NonceContext } from "~/components/shell/nonce";
import { RequestIdContext } from "~/components/shell/request-id";
import { drawChartMarkup, setDrawingCacheBudget } from "~/components/charts/server-drawing.server";
import { registerServerDrawing } from "~/components/charts/ServerDrawn";
import { getEnv } from "~/server/env.server";

registerServerDrawing(drawChartMarkup);
setDrawingCacheBudget(getEnv().DRAWING_CACHE_MB * 1024 * 1024);

const ABORT_DELAY = 5_000;

/** Server-Timing of the loaders: the time from the request's arrival until rendering starts. */
function serverTiming(context: AppLoadContext): string | null {
  return context.startedAt === undefined ? null : `loader;dur=${(performance.now() - context.startedAt).toFixed(1)};desc="loaders"`;
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const timing = serverTiming(loadContext);
  if (timing) responseHeaders.append("Server-Timing", timing);
  const nonce = loadContext.cspNonce ?? "";
  // bots get the whole document at once; browsers get the shell as soon as it is ready
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RequestIdContext.Provider value={loadContext.requestId ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestIdContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = stripNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // errors before the shell reject and are logged by handleError
          if (shellRendered) logger.error({ err: error, requestId: loadContext.requestId }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const timing = serverTiming(context);
  if (timing) response.headers.append("Server-Timing", timing);
  return response;
};

/** Unexpected errors go to the log with the request id; users see only the Japanese error page. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  logger.error({ err: error, requestId: context.requestId, method: request.method, path: new URL(request.url).pathname }, "request failed");
}
