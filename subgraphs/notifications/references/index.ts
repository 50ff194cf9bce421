/** `__resolveReference` for every entity this subgraph can resolve by key. */
import { notificationsReportPart } from "../privacy/report-part.js";
import type { ReferenceResolver } from "../../../shared/federation/build-subgraph.js";
import type { NotificationsContext } from "../context.js";

type Ref = { id: string };

export const notificationsReferences: Record<string, ReferenceResolver<NotificationsContext>> = {
  User: (ref: Ref) => ({ id: ref.id }),
  PersonalDataReport: notificationsReportPart.reference,
};
