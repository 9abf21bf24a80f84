// Domain vocabulary from docs/domain.md: identifiers in English, labels in the source documents' Japanese.
import type { SubmissionState } from "./reporting";

export const regionalBlocks = [
  "hokkaido",
  "tohoku",
  "kanto",
  "chubu",
  "kinki",
  "chugoku",
  "shikoku",
  "kyushu_okinawa",
] as const;
export type RegionalBlock = (typeof regionalBlocks)[number];
export const regionalBlockLabels: Record<RegionalBlock, string> = {
  hokkaido: "北海道",
  tohoku: "東北",
  kanto: "関東",
  chubu: "中部",
  kinki: "近畿",
  chugoku: "中国",
  shikoku: "四国",
  kyushu_okinawa: "九州・沖縄",
};

export const localGovernmentKinds = [
  "prefecture",
  "designated_city",
  "core_city",
  "city",
  "special_ward",
  "town",
  "village",
  "ward",
] as const;
export type LocalGovernmentKind = (typeof localGovernmentKinds)[number];
export const localGovernmentKindLabels: Record<LocalGovernmentKind, string> = {
  prefecture: "都道府県",
  designated_city: "政令指定都市",
  core_city: "中核市",
  city: "市",
  special_ward: "特別区",
  town: "町",
  village: "村",
  ward: "行政区",
};

export const optionalPrograms = [
  "employment_preparation",
  "household_budget",
  "temporary_living",
  "children_learning",
] as const;
export type OptionalProgram = (typeof optionalPrograms)[number];
export const optionalProgramLabels: Record<OptionalProgram, string> = {
  employment_preparation: "就労準備支援事業",
  household_budget: "家計改善支援事業",
  temporary_living: "一時生活支援事業",
  children_learning: "子どもの学習・生活支援事業",
};

export const deliveryForms = ["direct", "contracted", "direct_and_contracted"] as const;
export type DeliveryForm = (typeof deliveryForms)[number];
export const deliveryFormLabels: Record<DeliveryForm, string> = {
  direct: "直営",
  contracted: "委託",
  direct_and_contracted: "直営＋委託",
};

export const implementationMethods = ["single", "joint", "prefecture_wide"] as const;
export type ImplementationMethod = (typeof implementationMethods)[number];
export const implementationMethodLabels: Record<ImplementationMethod, string> = {
  single: "単独",
  joint: "共同実施",
  prefecture_wide: "都道府県広域",
};

/** 被保護者事業との一体的実施: only for 就労準備支援 and 家計改善支援. */
export const integratedDeliveryCategories = [
  "integrated",
  "both_not_integrated",
  "needy_only",
  "recipients_only",
  "not_implemented",
] as const;
export type IntegratedDeliveryCategory = (typeof integratedDeliveryCategories)[number];
export const integratedDeliveryLabels: Record<IntegratedDeliveryCategory, string> = {
  integrated: "両事業を実施（一体的）",
  both_not_integrated: "両事業を実施（一体的でない）",
  needy_only: "生活困窮者のみ",
  recipients_only: "被保護者のみ",
  not_implemented: "未実施",
};

export const jusouStatuses = [
  "implementing",
  "transition_preparation",
  "model_project",
  "not_implemented",
] as const;
export type JusouStatus = (typeof jusouStatuses)[number];
export const jusouStatusLabels: Record<JusouStatus, string> = {
  implementing: "実施",
  transition_preparation: "移行準備事業",
  model_project: "モデル事業",
  not_implemented: "未実施",
};

/** 連携強化に必要な取組 (the cooperation survey's first question, multiple answers), in the source chart's order. */
export const cooperationPractices = [
  "practiceMutualUnderstanding",
  "practiceCaseSharing",
  "practiceFaceToFace",
  "practiceHouseholdBudgetIntegrated",
  "practiceEmploymentPreparationIntegrated",
  "practiceJointTraining",
  "practiceViaHelloWork",
  "practiceNoneNeeded",
  "practiceOther",
] as const;
export type CooperationPractice = (typeof cooperationPractices)[number];
export const cooperationPracticeLabels: Record<CooperationPractice, string> = {
  practiceMutualUnderstanding: "両制度の担当者の相互の制度理解の深化",
  practiceCaseSharing: "個別支援ケースの共有",
  practiceFaceToFace: "顔の見える関係の構築",
  practiceHouseholdBudgetIntegrated: "家計改善支援事業の一体的実施",
  practiceEmploymentPreparationIntegrated: "就労準備支援事業の一体的実施",
  practiceJointTraining: "研修の共同実施",
  practiceViaHelloWork: "ハローワークを介した連携",
  practiceNoneNeeded: "特に必要はない",
  practiceOther: "その他",
};

/** 保護から困窮への移行にあたっての課題 (the cooperation survey's second question, multiple answers), in the source chart's order. */
export const transitionIssues = [
  "issueNoIssue",
  "issueRelationshipAfterTransition",
  "issueSupportUnknown",
  "issueMeritUnrecognized",
  "issueCaseworkerStaysInvolved",
  "issueNoHandover",
  "issueOther",
] as const;
export type TransitionIssue = (typeof transitionIssues)[number];
export const transitionIssueLabels: Record<TransitionIssue, string> = {
  issueNoIssue: "特に課題はない",
  issueRelationshipAfterTransition: "移行後の本人との関係性の構築が難しい",
  issueSupportUnknown: "困窮制度の支援内容が把握されていない",
  issueMeritUnrecognized: "移行するメリットの認識が不十分",
  issueCaseworkerStaysInvolved: "廃止後もCWが関わらざるを得ない",
  issueNoHandover: "CWとの連携が取れず情報が引き継がれない",
  issueOther: "その他",
};

/** The cooperation survey's two questions; every answer is also the stored boolean column's name (practice…, issue…). */
export const cooperationSurveyQuestions = [
  { key: "practices", label: "連携強化に必要な取組", answers: cooperationPractices, labels: cooperationPracticeLabels as Record<string, string> },
  { key: "issues", label: "移行にあたっての課題", answers: transitionIssues, labels: transitionIssueLabels as Record<string, string> },
] as const;
export type CooperationSurveyQuestion = (typeof cooperationSurveyQuestions)[number]["key"];
export const surveyAnswers = [...cooperationPractices, ...transitionIssues] as const;
export type SurveyAnswer = (typeof surveyAnswers)[number];
export const surveyAnswerLabels: Record<SurveyAnswer, string> = { ...cooperationPracticeLabels, ...transitionIssueLabels };

/** 保護→困窮: who moved or was referred from a welfare office to the consultation agency (notice's categories ア/イ/ウ). */
export const publicAssistanceTransferFields = [
  "casesAfterDiscontinuation",
  "referredAtRisk",
  "referredAfterRejection",
  "referredAfterExit",
] as const;
export type PublicAssistanceTransferField = (typeof publicAssistanceTransferFields)[number];
export const publicAssistanceTransferLabels: Record<PublicAssistanceTransferField, string> = {
  casesAfterDiscontinuation: "保護廃止後に困窮制度へ移行したケース数",
  referredAtRisk: "福祉事務所からのつなぎ（ア 要保護状態になるおそれ）",
  referredAfterRejection: "福祉事務所からのつなぎ（イ 申請却下）",
  referredAfterExit: "福祉事務所からのつなぎ（ウ 保護脱却後も支援が必要）",
};

export const supportStaffRoles = [
  "chief_consultant",
  "consultant",
  "employment_supporter",
  "employment_preparation_staff",
  "household_budget_staff",
] as const;
export type SupportStaffRole = (typeof supportStaffRoles)[number];
export const supportStaffRoleLabels: Record<SupportStaffRole, string> = {
  chief_consultant: "主任相談支援員",
  consultant: "相談支援員",
  employment_supporter: "就労支援員",
  employment_preparation_staff: "就労準備支援事業従事者",
  household_budget_staff: "家計改善支援事業従事者",
};

/** The roles whose staff need the 修了証 (national + prefectural training); for the other two it is recommended. */
export const certificateRoles = ["chief_consultant", "consultant", "employment_supporter"] as const satisfies readonly SupportStaffRole[];

export const supervisionForms = [
  "visit",
  "phone_email",
  "case_review",
  "coordination_meeting",
  "accompanied_interview",
  "other",
] as const;
export type SupervisionForm = (typeof supervisionForms)[number];
export const supervisionFormLabels: Record<SupervisionForm, string> = {
  visit: "訪問",
  phone_email: "電話・メール",
  case_review: "ケース検討",
  coordination_meeting: "支援調整会議への出席",
  accompanied_interview: "面談同席",
  other: "その他",
};

export const trainingSessionKinds = ["latter_term", "new_staff", "follow_up", "other"] as const;
export type TrainingSessionKind = (typeof trainingSessionKinds)[number];
export const trainingSessionKindLabels: Record<TrainingSessionKind, string> = {
  latter_term: "後期研修",
  new_staff: "新任者研修",
  follow_up: "フォローアップ研修",
  other: "その他",
};
/** A prefecture's 後期研修 must run at least this many hours (docs/domain.md). */
export const latterTermMinimumHours = 10.5;

/** 都道府県による市町村支援: the 11 items of the survey, plus その他. */
export const prefectureSupportItems = [
  "prefecture_training",
  "promote_optional_programs",
  "supporter_network",
  "work_placement_development",
  "joint_implementation_planning",
  "multidisciplinary_network",
  "labour_housing_expertise",
  "housing_support_council",
  "supervision_for_staff",
  "social_resource_list",
  "work_training_advisor",
  "other",
] as const;
export type PrefectureSupportItem = (typeof prefectureSupportItems)[number];
export const prefectureSupportItemLabels: Record<PrefectureSupportItem, string> = {
  prefecture_training: "都道府県研修の開催",
  promote_optional_programs: "任意事業実施促進の働きかけ",
  supporter_network: "支援者ネットワークづくり",
  work_placement_development: "就労体験・就労訓練の受入れ先の開拓",
  joint_implementation_planning: "任意事業の共同実施に向けた企画等",
  multidisciplinary_network: "多職種も含めたネットワークづくり",
  labour_housing_expertise: "商工労働部門や住宅部門の専門的知見を活かした助言等",
  housing_support_council: "居住支援協議会との関係づくりの支援",
  supervision_for_staff: "支援員向けのスーパーバイズ",
  social_resource_list: "一般市等が持つ社会資源のリスト化・共有",
  work_training_advisor: "就労訓練アドバイザーの設置",
  other: "その他",
};

export const userRoles = ["mhlw", "prefecture", "municipality"] as const;
export type UserRole = (typeof userRoles)[number];
export const userRoleLabels: Record<UserRole, string> = {
  mhlw: "厚生労働省",
  prefecture: "都道府県",
  municipality: "市区町村",
};

/** The first and last fiscal years the dashboard offers (the law took effect in April 2015). */
export const firstFiscalYear = 2015;

/** A body-month's timing against the reporting schedule (app/domain/reporting.ts). */
export const submissionStateLabels = {
  not_submitted: "未提出",
  on_time: "期限内提出",
  late: "期限後提出",
  not_yet_due: "期限前（未到来）",
} as const satisfies Record<SubmissionState, string>;
