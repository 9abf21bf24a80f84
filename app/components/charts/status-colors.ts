import type { JusouStatus } from "~/domain/vocabulary";

/** 重層 statuses as bars and legend swatches: each at least 3:1 against white (WCAG 1.4.11). */
export const jusouStatusColors: Record<Exclude<JusouStatus, "not_implemented">, string> = {
  implementing: "#0017c1",
  transition_preparation: "#0877d7",
  model_project: "#c74700",
};
