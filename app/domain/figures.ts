// Shapes of aggregated figures that a query returns (db/queries) and a card renders (components),
// declared once here because both may import app/domain and neither may import the other.

/** 重層 statuses of the municipalities of a prefecture (prefectureCode null: the nation) in a fiscal year. */
export type JusouStatusCounts = {
  prefectureCode: string | null;
  municipalities: number;
  implementing: number;
  transitionPreparation: number;
  modelProject: number;
  notImplemented: number;
  /** municipalities without a status row: not reported, not 未実施 */
  notReported: number;
};

/** 修了証 coverage of the three roles that need it over a prefecture's (or the nation's) implementing bodies, with the 後期研修 held. */
export type CertificateCoverage = {
  prefectureCode: string | null;
  bodies: number;
  reported: number;
  complete: number;
  assigned: number;
  national: number;
  latterTerm: number;
  certified: number;
  latterTermSessions: number;
};
