/** GraphQL documents of the users subgraph, shared by its integration tests. */
export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($login: String!, $password: String!) {
    signIn(login: $login, password: $password) {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        login
        role
        fullName
      }
    }
  }
`;

export const REFRESH_SESSION = /* GraphQL */ `
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        login
      }
    }
  }
`;

export const SIGN_OUT = /* GraphQL */ `
  mutation SignOut($refreshToken: String!) {
    signOut(refreshToken: $refreshToken)
  }
`;

export const ME = /* GraphQL */ `
  query Me {
    me {
      id
      login
      role
      locale
      fullName
      birthDate
      phone
      email
      pinfl
      children {
        id
        fullName
      }
      guardians {
        id
        fullName
      }
    }
  }
`;

export const USER_PROFILE = /* GraphQL */ `
  query UserProfile($id: ID!) {
    user(id: $id) {
      id
      role
      fullName
      birthDate
      phone
      pinfl
    }
  }
`;

export const USER_ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User {
        id
        fullName
        phone
      }
    }
  }
`;
