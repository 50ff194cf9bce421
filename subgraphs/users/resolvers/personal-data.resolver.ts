import { Arg, ID, Query, Resolver } from "type-graphql";
import { NotImplementedError } from "../../../shared/errors.js";
import { PersonalDataReportType } from "../types/index.js";

/** The data subject's report (DESIGN.md §6); its content arrives with the data-subject-rights milestone. */
@Resolver(() => PersonalDataReportType)
export class PersonalDataResolver {
  @Query(() => PersonalDataReportType, { description: "subjectId: a parent asking for a child" })
  myPersonalData(@Arg("subjectId", () => ID, { nullable: true }) _subjectId?: string): PersonalDataReportType {
    throw new NotImplementedError("myPersonalData");
  }
}
