// As entry.server.tsx does: components render their charts to SVG markup on the server.
import { drawChartMarkup } from "~/components/charts/server-drawing.server";
import { registerServerDrawing } from "~/components/charts/ServerDrawn";

registerServerDrawing(drawChartMarkup);
