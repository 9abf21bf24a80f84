// As entry.server.tsx does: components render their charts to SVG markup on the server.
import { renderToStaticMarkup } from "react-dom/server";
import { chartDrawings } from "~/components/charts/drawings";
import { registerServerDrawing } from "~/components/charts/ServerDrawn";

registerServerDrawing({ drawings: chartDrawings, toMarkup: renderToStaticMarkup });
