import type { EntityManager } from "@mikro-orm/core";
import type DataLoader from "dataloader";
import { byIdLoader, groupLoader } from "../../../shared/db/loaders.js";
import { Consent, DataRequestStep, Guardianship, PartnerClient, Placement, User } from "../entities/index.js";
import { now } from "../../../shared/clock.js";

/** Every N+1 hotspot of this subgraph gets one named loader, created per request. */
export interface UsersLoaders {
  user: DataLoader<string, User | null>;
  partnerClient: DataLoader<string, PartnerClient | null>;
  /** Current placements (not ended) of each person. */
  placementsByUser: DataLoader<string, Placement[]>;
  /** Every enrolment placement of each student, ended ones included. */
  enrolmentHistoryByUser: DataLoader<string, Placement[]>;
  guardianshipsByParent: DataLoader<string, Guardianship[]>;
  guardianshipsByStudent: DataLoader<string, Guardianship[]>;
  /** The workflow steps of each data request, oldest first. */
  stepsByRequest: DataLoader<string, DataRequestStep[]>;
  /** Every consent of each person, history included, newest first. */
  consentsBySubject: DataLoader<string, Consent[]>;
}

/** Placements still in force today; today is taken per request so a long-running process never goes stale. */
export const currentPlacements = (): { $or: Array<{ endsOn: null | { $gt: string } }> } => ({
  $or: [{ endsOn: null }, { endsOn: { $gt: now().toISOString().slice(0, 10) } }],
});

export function createUsersLoaders(em: EntityManager): UsersLoaders {
  return {
    user: byIdLoader(em, User),
    partnerClient: byIdLoader(em, PartnerClient),
    placementsByUser: groupLoader(em, Placement, "userId", { where: currentPlacements() }),
    enrolmentHistoryByUser: groupLoader(em, Placement, "userId", { where: { kind: "ENROLMENT" } }),
    guardianshipsByParent: groupLoader(em, Guardianship, "parentId", { orderBy: { createdAt: "asc" } }),
    guardianshipsByStudent: groupLoader(em, Guardianship, "studentId", { orderBy: { createdAt: "asc" } }),
    stepsByRequest: groupLoader(em, DataRequestStep, "requestId", { orderBy: { seq: "asc" } }),
    consentsBySubject: groupLoader(em, Consent, "subjectId", { orderBy: { givenAt: "desc", id: "asc" } }),
  };
}
