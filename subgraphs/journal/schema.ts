import { journalReportPart } from "./privacy/report-part.js";
import { buildSubgraph, type BuiltSubgraph } from "../../shared/federation/build-subgraph.js";
import { journalReferences } from "./references/index.js";
import { AttendanceSummaryResolver } from "./resolvers/attendance-summary.resolver.js";
import { AttendanceResolver } from "./resolvers/attendance.resolver.js";
import { CalendarResolver } from "./resolvers/calendar.resolver.js";
import { ClassJournalResolver } from "./resolvers/class-journal.resolver.js";
import { GradeResolver } from "./resolvers/grade.resolver.js";
import { HistoryResolver } from "./resolvers/history.resolver.js";
import { LessonChangesResolver } from "./resolvers/lesson-changes.resolver.js";
import { LessonResolver } from "./resolvers/lesson.resolver.js";
import { ParentMessageResolver } from "./resolvers/message.resolver.js";
import { ReportResolver } from "./resolvers/report.resolver.js";
import { TermMarkResolver } from "./resolvers/term-mark.resolver.js";
import { TimetableEntryResolver, TimetableResolver } from "./resolvers/timetable.resolver.js";
import { UserJournalResolver } from "./resolvers/user.resolver.js";
import { journalSubjects } from "./privacy/subjects.js";

export const buildJournalSchema = (): Promise<BuiltSubgraph> =>
  buildSubgraph({
    resolvers: [
      LessonResolver,
      GradeResolver,
      AttendanceResolver,
      ClassJournalResolver,
      UserJournalResolver,
      ReportResolver,
      TermMarkResolver,
      AttendanceSummaryResolver,
      HistoryResolver,
      ParentMessageResolver,
      CalendarResolver,
      TimetableResolver,
      TimetableEntryResolver,
      LessonChangesResolver,
      journalReportPart.resolver,
    ],
    orphanedTypes: [journalReportPart.stub],
    references: journalReferences,
    subjects: journalSubjects,
  });
