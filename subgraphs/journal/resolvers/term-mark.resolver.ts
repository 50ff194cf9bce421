import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import type { JournalContext } from "../context.js";
import type { Grade } from "../entities/index.js";
import { setTermMarks, termMarkSheet, type TermMarkSuggestionRow } from "../marks/term-marks.js";
import { GradeType, UserRef } from "../types/index.js";
import { SetTermMarksInput, TermMarkSheetArgs, TermMarkSheetType, TermMarkSuggestionType } from "../types/term-marks.js";

/** Term marks: the suggestion sheet and setting the marks. Rows are personal (type-level @personalData). */
@Resolver(() => TermMarkSuggestionType)
export class TermMarkResolver {
  @Query(() => TermMarkSheetType, {
    description:
      "A class's term in one subject: per student the mean of the term's current and intermediate marks, the mark it " +
      "rounds to (the suggested term mark) and the term mark already set",
  })
  async termMarkSuggestions(
    @Args(() => TermMarkSheetArgs) args: TermMarkSheetArgs,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<TermMarkSheetType> {
    const sheet = await termMarkSheet(ctx, args);
    return {
      term: sheet.term.number,
      termKind: sheet.term.kind,
      academicYear: sheet.term.year,
      startsOn: sheet.term.startsOn,
      endsOn: sheet.term.endsOn,
      lockedFrom: sheet.lockedFrom,
      rows: sheet.rows as unknown as TermMarkSuggestionType[],
    };
  }

  @Mutation(() => [GradeType], {
    description:
      "Sets the QUARTER marks (half-year marks in grades 10–11) of a class in a subject for one term, all or nothing. " +
      "When the year's last term has its mark, the ANNUAL mark (rounded mean of the student's term marks, halves up) is " +
      "computed and stored too, and kept in step with later corrections.",
  })
  setTermMarks(
    @Arg("input", () => SetTermMarksInput) input: SetTermMarksInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<Grade[]> {
    return setTermMarks(ctx, input);
  }

  @FieldResolver(() => UserRef)
  student(@Root() row: TermMarkSuggestionRow): UserRef {
    return { id: row.studentId };
  }
}
