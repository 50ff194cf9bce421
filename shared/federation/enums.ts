/**
 * Enums of the contract that more than one subgraph returns (the personal-data report names roles and
 * purposes in every subgraph; report rows are keyed by their unit's kind in journal and institutions; users and
 * notifications both speak of locales). Registered once per process: type-graphql keeps one metadata store.
 */
import { registerEnumType } from "type-graphql";
import { REPORT_LEVELS } from "../auth/report-scope.js";
import { PURPOSES, ROLES } from "../auth/roles.js";
import { LOCALES } from "../i18n/locale.js";

// type-graphql wants enum objects; the string unions in shared/auth stay the source of truth.
export const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const RoleEnum = enumOf(ROLES);
export const PurposeEnum = enumOf(PURPOSES);
registerEnumType(RoleEnum, {
  name: "Role",
  valuesConfig: {
    INTEGRATION_PARTNER: { description: "An integration partner's client credentials, not a person (README: Integration partners)" },
  },
});
registerEnumType(PurposeEnum, { name: "Purpose" });

/** The units a report row stands for: the territorial levels, and for the timeliness report a teacher too. */
export const TIMELINESS_GROUPINGS = ["REGION", "DISTRICT", "SCHOOL", "TEACHER"] as const;
export type TimelinessGrouping = (typeof TIMELINESS_GROUPINGS)[number];

// The journal computes report rows; institutions names their units: both subgraphs speak of these.
export const ReportGroupingEnum = enumOf(REPORT_LEVELS);
export const TimelinessGroupingEnum = enumOf(TIMELINESS_GROUPINGS);
registerEnumType(ReportGroupingEnum, { name: "ReportGrouping" });
registerEnumType(TimelinessGroupingEnum, { name: "TimelinessGrouping" });
// Users returns a profile's locale, notifications the language a parent chose for notices.
export const LocaleEnum = enumOf(LOCALES);
registerEnumType(LocaleEnum, { name: "Locale" });
