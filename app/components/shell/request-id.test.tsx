import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RequestIdContext, usePageRequestId } from "./request-id";

function Probe() {
  const { id, reloadForId } = usePageRequestId();
  return <p>{`${id ?? "none"} ${reloadForId}`}</p>;
}

describe("usePageRequestId on the server", () => {
  it("gives the error page the id of the request being rendered", () => {
    const html = renderToString(
      <RequestIdContext.Provider value="0e492b0b-9a81-4409-8ddc-a5fb2363d424">
        <Probe />
      </RequestIdContext.Provider>,
    );
    expect(html).toBe("<p>0e492b0b-9a81-4409-8ddc-a5fb2363d424 false</p>");
  });

  it("gives nothing when no request is known", () => {
    expect(renderToString(<Probe />)).toBe("<p>none false</p>");
  });
});
