import type { UserRole } from "../vocabulary";
import { cooperationSurveyDataset } from "./cooperation-survey";
import { jusouDataset } from "./jusou";
import { monthlySupport } from "./monthly-support";
import { optionalProgramsDataset } from "./optional-programs";
import { populationDataset } from "./population";
import { prefectureSupportDataset } from "./prefecture-support";
import { publicAssistanceTransfersDataset } from "./public-assistance-transfers";
import { staffTrainingDataset } from "./staff-training";
import { supervisionDataset } from "./supervision";
import { supportMeetingDataset } from "./support-meeting";
import { targetValuesDataset } from "./target-values";
import { datasetIds, type DatasetDefinition, type DatasetId } from "./types";

export * from "./types";

export const datasets: Record<DatasetId, DatasetDefinition> = {
  monthly_support: monthlySupport,
  optional_programs: optionalProgramsDataset,
  jusou: jusouDataset,
  staff_training: staffTrainingDataset,
  supervision: supervisionDataset,
  prefecture_support: prefectureSupportDataset,
  population: populationDataset,
  target_values: targetValuesDataset,
  support_meeting: supportMeetingDataset,
  public_assistance_transfers: publicAssistanceTransfersDataset,
  cooperation_survey: cooperationSurveyDataset,
};

export function isDatasetId(value: string): value is DatasetId {
  return (datasetIds as readonly string[]).includes(value);
}

export function datasetsUploadableBy(role: UserRole): DatasetDefinition[] {
  return datasetIds.map((id) => datasets[id]).filter((d) => d.uploadRoles.includes(role));
}
