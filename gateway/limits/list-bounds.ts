/**
 * How many items the cost limit assumes each list field returns (README "Limits"). A field with a `first`
 * argument costs what the client asks for; a `first` given as a variable, or left out, costs the bound
 * here, which for those fields is the resolver's own cap. Other lists are the largest a real school, district
 * or pupil has, rounded up; a list not named here (or added later) is assumed to hold
 * `limits.listBound` items (COST_LIST_BOUND).
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  // Territory: 14 regions, at most ~20 districts in one, at most ~100 schools in one district.
  "Query.regions": 14,
  "Region.districts": 20,
  "District.schools": 100,
  // A large school: 11 grades × 5 letters, 40 pupils a class, 20 subjects.
  "School.classes": 60,
  "SchoolClass.students": 40,
  "SchoolClass.subjects": 20,
  "User.children": 6,
  "User.guardians": 4,
  // A pupil's year: ~20 subjects × ~15 marks, ~1,000 lessons of which a few hundred carry an attendance mark.
  "User.grades": 300,
  "User.attendance": 300,
  "User.consents": 10,
  // Resolvers cap these `first` arguments (default 20 / 50).
  "User.notifications": 100,
  "Query.noticeDeliveries": 200,
  "Notification.deliveries": 4,
  // Changes of one journal cell.
  "Grade.history": 10,
  "AttendanceMark.history": 10,
  // One class and subject over a term: ~60 lessons, a mark or attendance entry per pupil per lesson at most.
  "ClassJournal.lessons": 60,
  "ClassJournal.rows": 40,
  "JournalRow.grades": 60,
  "JournalRow.attendance": 60,
  "TermMarkSheet.rows": 40,
  "Query.lessons": 100,
  "Query.journalHistory": 200,
  "Query.homeworkHistory": 100,
  "Lesson.homeworkHistory": 10,
  "Query.classAttendanceSummary": 60,
  "ClassAttendanceDay.counts": 10,
  "Timetable.entries": 60,
  "LessonGeneration.created": 500,
  // Reports: one row per group asked for.
  "Query.attendanceReport": 150,
  "Query.gradeReport": 150,
  "Query.journalTimelinessReport": 150,
  // A person's own report: every profile item, mark and attendance entry they have.
  "PersonalDataReport.items": 1000,
  "PersonalDataReport.disclosures": 50,
  "PersonalDataReport.accesses": 200,
  "PersonalDataPart.items": 1000,
  "PersonalDataPart.disclosures": 50,
  "PersonalDataPart.accesses": 200,
  "Query.dataRequests": 50,
  "DataRequest.steps": 10,
  "DataRequest.corrections": 10,
  "Query.partnerClients": 50,
  "AcademicCalendar.terms": 6,
  "AcademicCalendar.holidays": 20,
  "AcademicCalendar.vacations": 6,
};
