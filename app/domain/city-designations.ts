// 政令指定都市 (20) and 中核市 (62, as of April 2024). Designations change rarely; the master-list
// import also accepts an explicit 区分 column, which wins over these lists.

export const designatedCityCodes: ReadonlySet<string> = new Set([
  "011002", "041009", "111007", "121002", "141003", "141305", "141500", "151009", "221007", "221309",
  "231002", "261009", "271004", "271403", "281000", "331007", "341002", "401005", "401307", "431001",
]);

export const coreCityCodes: ReadonlySet<string> = new Set([
  "012025", "012041", "022012", "022039", "032018", "052019", "062014", "072010", "072036", "072044",
  "082015", "092011", "102016", "102024", "112011", "112038", "112224", "122041", "122173", "132012",
  "142018", "162019", "172014", "182010", "192015", "202011", "202029", "212016", "232017", "232025",
  "232033", "232114", "252018", "272035", "272051", "272078", "272108", "272124", "272159", "272272",
  "282014", "282022", "282031", "282049", "292010", "302015", "312011", "322016", "332020", "342025",
  "342076", "352012", "372013", "382019", "392014", "402036", "422011", "422029", "442011", "452017",
  "462012", "472018",
]);

// The six villages of the Northern Territories (北方領土: 色丹村, 泊村, 留夜別村, 留別村, 紗那村, 蘂取村) have
// codes in the official list but no administration: never counted among the 1,741 municipalities and
// never implementing bodies.
export const unadministeredVillageCodes: ReadonlySet<string> = new Set(["016951", "016969", "016977", "016985", "016993", "017001"]);
