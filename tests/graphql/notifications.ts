/** GraphQL documents of the notifications subgraph, shared by its integration tests. */
export const USER_NOTIFICATIONS = /* GraphQL */ `
  query UserNotifications($r: [_Any!]!, $first: Int, $unreadOnly: Boolean) {
    _entities(representations: $r) {
      ... on User {
        id
        notifications(first: $first, unreadOnly: $unreadOnly) {
          id
          kind
          title
          body
          student {
            id
          }
          createdAt
          readAt
        }
      }
    }
  }
`;

export const MARK_NOTIFICATIONS_READ = /* GraphQL */ `
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`;
