import { notificationsReportPart } from "./privacy/report-part.js";
import { buildSubgraph, type BuiltSubgraph } from "../../shared/federation/build-subgraph.js";
import { notificationsReferences } from "./references/index.js";
import { NoticeDeliveryResolver } from "./resolvers/delivery.resolver.js";
import { NotificationResolver } from "./resolvers/notification.resolver.js";
import { NotificationPreferencesResolver } from "./resolvers/preferences.resolver.js";
import { UserNotificationsResolver } from "./resolvers/user.resolver.js";
import { notificationsSubjects } from "./subjects.js";
import { NotificationType, UserRef } from "./types/index.js";

export const buildNotificationsSchema = (): Promise<BuiltSubgraph> =>
  buildSubgraph({
    resolvers: [
      NotificationResolver,
      UserNotificationsResolver,
      NotificationPreferencesResolver,
      NoticeDeliveryResolver,
      notificationsReportPart.resolver,
    ],
    // No root field returns User or Notification; they reach clients through other subgraphs' Users.
    orphanedTypes: [UserRef, NotificationType, notificationsReportPart.stub],
    references: notificationsReferences,
    subjects: notificationsSubjects,
  });
