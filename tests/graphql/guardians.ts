/** GraphQL documents of guardianships and profiles (users subgraph), shared by the tests of the notice pipeline. */
export const LINK_GUARDIAN = /* GraphQL */ `
  mutation LinkGuardian($studentId: ID!, $parentId: ID!, $relation: GuardianRelation) {
    linkGuardian(studentId: $studentId, parentId: $parentId, relation: $relation) {
      id
      guardians {
        id
      }
    }
  }
`;

export const UNLINK_GUARDIAN = /* GraphQL */ `
  mutation UnlinkGuardian($studentId: ID!, $parentId: ID!) {
    unlinkGuardian(studentId: $studentId, parentId: $parentId) {
      id
      guardians {
        id
      }
    }
  }
`;

export const UPDATE_MY_PROFILE = /* GraphQL */ `
  mutation UpdateMyProfile($locale: Locale!) {
    updateMyProfile(locale: $locale) {
      id
      locale
    }
  }
`;

export const STUDENT_GUARDIANS = /* GraphQL */ `
  query StudentGuardians($id: ID!) {
    user(id: $id) {
      id
      guardians {
        id
        login
      }
    }
  }
`;

export const MY_CHILDREN = /* GraphQL */ `
  query MyChildren {
    me {
      id
      children {
        id
      }
    }
  }
`;
