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

const PREFERENCE_FIELDS = /* GraphQL */ `
  channels {
    kind
    channels
  }
  digest
  locale
  telegramChatId
  availableChannels
`;

export const MY_NOTIFICATION_PREFERENCES = /* GraphQL */ `
  query MyNotificationPreferences {
    myNotificationPreferences {
      ${PREFERENCE_FIELDS}
    }
  }
`;

export const SET_NOTIFICATION_PREFERENCES = /* GraphQL */ `
  mutation SetNotificationPreferences($input: NotificationPreferencesInput!) {
    setNotificationPreferences(input: $input) {
      ${PREFERENCE_FIELDS}
    }
  }
`;

const DELIVERY_FIELDS = /* GraphQL */ `
  id
  noticeId
  kind
  channel
  status
  attempts
  nextAttemptAt
  lastAttemptAt
  lastError
  sentAt
  createdAt
`;

export const NOTICE_DELIVERIES = /* GraphQL */ `
  query NoticeDeliveries($status: DeliveryStatus, $channel: DeliveryChannel, $noticeId: ID, $first: Int) {
    noticeDeliveries(status: $status, channel: $channel, noticeId: $noticeId, first: $first) {
      ${DELIVERY_FIELDS}
    }
  }
`;

export const RETRY_NOTICE_DELIVERY = /* GraphQL */ `
  mutation RetryNoticeDelivery($id: ID!) {
    retryNoticeDelivery(id: $id) {
      ${DELIVERY_FIELDS}
    }
  }
`;

export const USER_NOTICE_DELIVERIES = /* GraphQL */ `
  query UserNoticeDeliveries($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User {
        notifications {
          id
          kind
          deliveries {
            channel
            status
            attempts
          }
        }
      }
    }
  }
`;
