/** GraphQL documents of consents (users subgraph), shared by integration and end-to-end tests. */
const CONSENT_FIELDS = /* GraphQL */ `
  id
  subjectId
  kind
  version
  givenById
  givenByRelation
  givenAt
  withdrawnAt
  withdrawnById
  inForce
`;

export const GIVE_CONSENT = /* GraphQL */ `
  mutation GiveConsent($kind: ConsentKind!, $subjectId: ID, $version: String) {
    giveConsent(kind: $kind, subjectId: $subjectId, version: $version) {
      ${CONSENT_FIELDS}
    }
  }
`;

export const WITHDRAW_CONSENT = /* GraphQL */ `
  mutation WithdrawConsent($kind: ConsentKind!, $subjectId: ID) {
    withdrawConsent(kind: $kind, subjectId: $subjectId) {
      ${CONSENT_FIELDS}
    }
  }
`;

export const MY_CONSENTS = /* GraphQL */ `
  query MyConsents {
    me {
      id
      consents {
        ${CONSENT_FIELDS}
      }
    }
  }
`;

export const USER_CONSENTS = /* GraphQL */ `
  query UserConsents($id: ID!) {
    user(id: $id) {
      id
      consents {
        ${CONSENT_FIELDS}
      }
    }
  }
`;

export const SIGN_IN_GIVING_CONSENTS = /* GraphQL */ `
  mutation SignInGivingConsents($login: String!, $password: String!, $consents: [ConsentKind!]) {
    signIn(login: $login, password: $password, consents: $consents) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`;

export interface ConsentView {
  id: string;
  subjectId: string;
  kind: "USER_AGREEMENT" | "PRIVACY_POLICY" | "PARENT_NOTIFICATIONS";
  version: string;
  givenById: string;
  givenByRelation: "SELF" | "GUARDIAN";
  givenAt: string;
  withdrawnAt: string | null;
  withdrawnById: string | null;
  inForce: boolean;
}
