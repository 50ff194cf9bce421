/** GraphQL documents of the calendar, timetables and lesson changes, shared by integration and e2e tests. */
const LESSON_FIELDS = /* GraphQL */ `
  id
  date
  period
  topic
  homework
  homeworkDueOn
  room
  cancelled
  cancelReason
  subject {
    id
  }
  schoolClass {
    id
  }
  teacher {
    id
  }
  substituteTeacher {
    id
  }
`;

export const ACADEMIC_CALENDAR = /* GraphQL */ `
  query AcademicCalendar($year: Int!) {
    academicCalendar(year: $year) {
      year
      startsOn
      endsOn
      terms {
        id
        year
        kind
        number
        startsOn
        endsOn
      }
      holidays {
        kind
        name
        startsOn
        endsOn
      }
      vacations {
        kind
        name
        startsOn
        endsOn
      }
    }
  }
`;

const TIMETABLE_FIELDS = /* GraphQL */ `
  schoolClass {
    id
  }
  term {
    id
    kind
    number
    startsOn
    endsOn
  }
  entries {
    id
    weekday
    period
    room
    subject {
      id
    }
    teacher {
      id
    }
  }
`;

export const TIMETABLE = /* GraphQL */ `
  query Timetable($classId: ID!, $termId: ID) {
    timetable(classId: $classId, termId: $termId) {
      ${TIMETABLE_FIELDS}
    }
  }
`;

export const SET_TIMETABLE = /* GraphQL */ `
  mutation SetTimetable($input: SetTimetableInput!) {
    setTimetable(input: $input) {
      ${TIMETABLE_FIELDS}
    }
  }
`;

export const GENERATE_LESSONS = /* GraphQL */ `
  mutation GenerateLessons($weekOf: Date!, $classId: ID) {
    generateLessons(weekOf: $weekOf, classId: $classId) {
      weekStartsOn
      kept
      created {
        ${LESSON_FIELDS}
      }
    }
  }
`;

export const LESSONS_FULL = /* GraphQL */ `
  query LessonsFull($classId: ID!, $from: Date!, $to: Date!) {
    lessons(classId: $classId, from: $from, to: $to) {
      ${LESSON_FIELDS}
    }
  }
`;

export const MOVE_LESSON = /* GraphQL */ `
  mutation MoveLesson($lessonId: ID!, $date: Date!, $period: Int!) {
    moveLesson(lessonId: $lessonId, date: $date, period: $period) {
      ${LESSON_FIELDS}
    }
  }
`;

export const CANCEL_LESSON = /* GraphQL */ `
  mutation CancelLesson($lessonId: ID!, $reason: String!) {
    cancelLesson(lessonId: $lessonId, reason: $reason) {
      ${LESSON_FIELDS}
    }
  }
`;

export const ASSIGN_SUBSTITUTE = /* GraphQL */ `
  mutation AssignSubstitute($lessonId: ID!, $teacherId: ID) {
    assignSubstitute(lessonId: $lessonId, teacherId: $teacherId) {
      ${LESSON_FIELDS}
    }
  }
`;

export const SET_LESSON_TOPIC = /* GraphQL */ `
  mutation SetLessonTopic($lessonId: ID!, $topic: String) {
    setLessonTopic(lessonId: $lessonId, topic: $topic) {
      ${LESSON_FIELDS}
    }
  }
`;

export const SET_HOMEWORK = /* GraphQL */ `
  mutation SetHomework($lessonId: ID!, $text: String, $dueOn: Date) {
    setHomework(lessonId: $lessonId, text: $text, dueOn: $dueOn) {
      ${LESSON_FIELDS}
    }
  }
`;

const HOMEWORK_CHANGE_FIELDS = /* GraphQL */ `
  id
  changedAt
  oldText
  newText
  oldDueOn
  newDueOn
  changedBy {
    id
  }
  lesson {
    id
  }
`;

export const HOMEWORK_HISTORY = /* GraphQL */ `
  query HomeworkHistory($classId: ID!, $from: Date!, $to: Date!) {
    homeworkHistory(classId: $classId, from: $from, to: $to) {
      ${HOMEWORK_CHANGE_FIELDS}
    }
  }
`;

export const LESSON_HOMEWORK_HISTORY = /* GraphQL */ `
  query LessonHomeworkHistory($classId: ID!, $from: Date!, $to: Date!) {
    lessons(classId: $classId, from: $from, to: $to) {
      id
      homeworkHistory {
        ${HOMEWORK_CHANGE_FIELDS}
      }
    }
  }
`;

/** recordGrades asking only for ids: what a substitute may read back of rows outside their own classes. */
export const RECORD_GRADE_IDS = /* GraphQL */ `
  mutation RecordGradeIds($input: RecordGradesInput!) {
    recordGrades(input: $input) {
      id
    }
  }
`;

export const RECORD_ATTENDANCE_IDS = /* GraphQL */ `
  mutation RecordAttendanceIds($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      id
    }
  }
`;
