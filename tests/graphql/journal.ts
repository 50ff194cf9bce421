/** GraphQL documents of the journal subgraph, shared by its integration tests. */
export const RECORD_GRADES = /* GraphQL */ `
  mutation RecordGrades($input: RecordGradesInput!) {
    recordGrades(input: $input) {
      id
      kind
      value
      date
      comment
      recordedAt
      student {
        id
      }
      subject {
        id
      }
      lesson {
        id
      }
      recordedBy {
        id
      }
    }
  }
`;

export const RECORD_ATTENDANCE = /* GraphQL */ `
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      id
      status
      reason
      student {
        id
      }
      lesson {
        id
        date
      }
    }
  }
`;

export const LESSONS = /* GraphQL */ `
  query Lessons($classId: ID!, $from: Date!, $to: Date!) {
    lessons(classId: $classId, from: $from, to: $to) {
      id
      date
      period
      topic
      homework
      subject {
        id
      }
      schoolClass {
        id
      }
      teacher {
        id
      }
    }
  }
`;

export const CLASS_JOURNAL = /* GraphQL */ `
  query ClassJournal($classId: ID!, $subjectId: ID!, $from: Date!, $to: Date!) {
    classJournal(classId: $classId, subjectId: $subjectId, from: $from, to: $to) {
      schoolClass {
        id
      }
      subject {
        id
      }
      lessons {
        id
        date
        period
        topic
      }
      rows {
        student {
          id
        }
        grades {
          id
          value
          kind
          date
          lesson {
            id
            date
          }
        }
        attendance {
          id
          status
          reason
          lesson {
            id
          }
        }
      }
    }
  }
`;

export const STUDENT_RECORDS = /* GraphQL */ `
  query StudentRecords($r: [_Any!]!, $from: Date, $to: Date, $subjectId: ID) {
    _entities(representations: $r) {
      ... on User {
        id
        grades(from: $from, to: $to, subjectId: $subjectId) {
          id
          value
          date
          subject {
            id
          }
        }
        attendance(from: $from, to: $to) {
          id
          status
        }
      }
    }
  }
`;

export const GRADE_ENTITIES = /* GraphQL */ `
  query GradeEntities($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Grade {
        id
        value
        kind
        date
        student {
          id
        }
      }
    }
  }
`;

export const ATTENDANCE_REPORT = /* GraphQL */ `
  query AttendanceReport($scope: ReportScope!, $groupBy: ReportGrouping!, $from: Date!, $to: Date!) {
    attendanceReport(scope: $scope, groupBy: $groupBy, from: $from, to: $to) {
      unitId
      unitKind
      students
      lessons
      absences
      absenceRate
      suppressed
    }
  }
`;

export const STUDENT_ABSENCES = /* GraphQL */ `
  query StudentAbsences($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User {
        attendance {
          id
          status
          reason
        }
      }
    }
  }
`;
