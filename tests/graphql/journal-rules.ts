/** GraphQL documents of the journal's rules (term marks, history, summary, messages), shared by their tests. */
export const TERM_MARK_SUGGESTIONS = /* GraphQL */ `
  query TermMarkSuggestions($classId: ID!, $subjectId: ID!, $term: Int!, $year: Int) {
    termMarkSuggestions(classId: $classId, subjectId: $subjectId, term: $term, year: $year) {
      term
      termKind
      academicYear
      startsOn
      endsOn
      lockedFrom
      rows {
        student {
          id
        }
        marks
        average
        suggested
        termMark {
          id
          value
        }
      }
    }
  }
`;

export const SET_TERM_MARKS = /* GraphQL */ `
  mutation SetTermMarks($input: SetTermMarksInput!) {
    setTermMarks(input: $input) {
      id
      kind
      value
      term
      date
      comment
      lesson {
        id
      }
      student {
        id
      }
    }
  }
`;

/** Only ids come back: no personal field is released, so the request writes no access record (statement counts). */
export const RECORD_GRADES_IDS = /* GraphQL */ `
  mutation RecordGradesIds($input: RecordGradesInput!) {
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

export const SET_TERM_MARKS_IDS = /* GraphQL */ `
  mutation SetTermMarksIds($input: SetTermMarksInput!) {
    setTermMarks(input: $input) {
      id
    }
  }
`;

const CHANGE_FIELDS = /* GraphQL */ `
  id
  cell
  cellId
  gradeKind
  date
  oldValue
  newValue
  oldNote
  newNote
  changedAt
  changedBy {
    id
  }
  student {
    id
  }
`;

export const JOURNAL_HISTORY = /* GraphQL */ `
  query JournalHistory($classId: ID!, $date: Date!) {
    journalHistory(classId: $classId, date: $date) {
      ${CHANGE_FIELDS}
    }
  }
`;

export const GRADE_HISTORY = /* GraphQL */ `
  query GradeHistory($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Grade {
        id
        value
        history {
          ${CHANGE_FIELDS}
        }
      }
    }
  }
`;

export const CLASS_ATTENDANCE_SUMMARY = /* GraphQL */ `
  query ClassAttendanceSummary($classId: ID!, $from: Date!, $to: Date!) {
    classAttendanceSummary(classId: $classId, from: $from, to: $to) {
      date
      lessons
      marks
      present
      presentShare
      counts {
        status
        count
      }
    }
  }
`;

export const SEND_PARENT_MESSAGE = /* GraphQL */ `
  mutation SendParentMessage($input: SendParentMessageInput!) {
    sendParentMessage(input: $input) {
      id
      topic
      text
      sentAt
      student {
        id
      }
      sender {
        id
      }
      schoolClass {
        id
      }
    }
  }
`;

export const STUDENT_ATTENDANCE_HISTORY = /* GraphQL */ `
  query StudentAttendanceHistory($r: [_Any!]!, $from: Date, $to: Date) {
    _entities(representations: $r) {
      ... on User {
        attendance(from: $from, to: $to) {
          id
          status
          reason
          lesson {
            id
          }
          history {
            ${CHANGE_FIELDS}
          }
        }
      }
    }
  }
`;
