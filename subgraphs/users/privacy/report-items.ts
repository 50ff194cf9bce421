/**
 * The users subgraph's own items of a subject's personal-data report: the profile, the account, family
 * links, the replica of where they study or work, the password and sessions (said to be held, never shown),
 * consents, data-subject requests and blocks. A profile field changed by a granted rectification names
 * that request as its source.
 */
import type { EntityManager } from "@mikro-orm/core";
import { BlockedField } from "../../../shared/privacy/blocked-field.entity.js";
import type { PersonalDataItemType } from "../../../shared/privacy/report-types.js";
import { Consent, DataRequest, Guardianship, PasswordCredential, Placement, RefreshToken, User } from "../entities/index.js";
import { FIELD_PURPOSES } from "../types/index.js";
import { now } from "../../../shared/clock.js";

const REGISTRATION = "School registration of the account (users subgraph)";
const REPLICA = "Copy of the institutions subgraph's enrolment and staff register";

type Category = keyof typeof FIELD_PURPOSES;

const item = (field: string, category: Category, value: string | null | undefined, source = REGISTRATION): PersonalDataItemType => ({
  field,
  category,
  value: value ?? null,
  source,
  purposes: [...FIELD_PURPOSES[category]],
});

export async function usersReportItems(em: EntityManager, subjectId: string): Promise<PersonalDataItemType[]> {
  const [user, credential, sessions, guardianships, placements, consents, requests, blocks] = await Promise.all([
    em.findOne(User, { id: subjectId }),
    em.findOne(PasswordCredential, { userId: subjectId }),
    em.find(RefreshToken, { userId: subjectId, revokedAt: null, usedAt: null, expiresAt: { $gt: now() } }),
    em.find(Guardianship, { $or: [{ parentId: subjectId }, { studentId: subjectId }] }, { orderBy: { createdAt: "asc" } }),
    em.find(Placement, { userId: subjectId }),
    em.find(Consent, { subjectId }, { orderBy: { givenAt: "asc", id: "asc" } }),
    em.find(DataRequest, { subjectId }, { orderBy: { filedAt: "asc", id: "asc" } }),
    em.find(BlockedField, { subjectId }, { orderBy: { field: "asc" } }),
  ]);
  if (!user) return [];
  // The latest granted rectification of a field is where its current value came from.
  const rectified = new Map<string, DataRequest>();
  for (const request of requests) {
    if (request.kind !== "RECTIFICATION" || request.status !== "GRANTED") continue;
    for (const field of request.fields) rectified.set(field, request);
  }
  const sourceOf = (field: string): string => {
    const request = rectified.get(field.replace(/ \(uz-Cyrl\)$/, ""));
    return request
      ? `Rectified at the person's request ${request.id}, granted ${request.decidedAt?.toISOString().slice(0, 10) ?? ""} by user ${request.decidedById ?? "?"}`
      : REGISTRATION;
  };
  const profile: Array<[string, Category, string | null | undefined]> = [
    ["User.fullName", "name", user.fullName],
    ["User.fullName (uz-Cyrl)", "name", user.fullNameCyrl],
    ["User.birthDate", "demographic", user.birthDate],
    ["User.gender", "demographic", user.gender],
    ["User.phone", "contact", user.phone],
    ["User.email", "contact", user.email],
    ["User.pinfl", "identifier", user.pinfl],
    ["User.address", "contact", user.address],
  ];
  const out = [
    item("User.login", "account", user.login, "Issued with the account by the operator"),
    item("User.role", "account", user.role, "Issued with the account by the operator"),
    item("User.locale", "account", user.locale),
    // Only what is actually held: an empty profile field is not an item.
    ...profile.filter(([, , value]) => value).map(([field, category, value]) => item(field, category, value, sourceOf(field))),
  ];
  if (credential) out.push(item("PasswordCredential", "account", "scrypt hash (not shown)", "Set by the person at sign-up or reset"));
  for (const session of sessions) {
    out.push(
      item("Session", "account", `signed in ${session.createdAt.toISOString()}, expires ${session.expiresAt.toISOString()}`, "Sign-in"),
    );
  }
  for (const link of guardianships) {
    const field = link.parentId === subjectId ? "User.children" : "User.guardians";
    const other = link.parentId === subjectId ? link.studentId : link.parentId;
    out.push(item(field, "family", `${link.relation}: user ${other}`));
  }
  for (const placement of placements) {
    const where = [placement.classId && `class ${placement.classId}`, placement.schoolId && `school ${placement.schoolId}`].filter(Boolean);
    const value = `${placement.kind}${placement.role ? ` ${placement.role}` : ""}${where.length ? `, ${where.join(", ")}` : ""}${placement.endsOn ? `, until ${placement.endsOn}` : ""}`;
    // The claims in access tokens are computed from these rows.
    out.push({
      field: "Placement",
      category: "enrolment",
      value,
      source: REPLICA,
      purposes: ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE"],
    });
  }
  for (const consent of consents) {
    const withdrawn = consent.withdrawnAt ? `, withdrawn ${consent.withdrawnAt.toISOString()} by user ${consent.withdrawnById ?? "?"}` : "";
    const value = `${consent.kind} version ${consent.version}, given ${consent.givenAt.toISOString()}${withdrawn}`;
    const by = consent.givenByRelation === "SELF" ? "the person" : `guardian ${consent.givenById}`;
    out.push(item("User.consents", "account", value, `Given by ${by}`));
  }
  for (const request of requests) {
    const decided = request.decidedAt ? `, ${request.status} ${request.decidedAt.toISOString()}` : ", pending";
    const value = `${request.kind} of ${request.fields.join(", ") || "the whole record"} (${request.reason ?? "no reason"})${decided}`;
    out.push(item("DataRequest", "account", value, `Filed by user ${request.filedById}`));
  }
  for (const block of blocks) {
    out.push(item("BlockedField", "account", `${block.field} blocked since ${block.blockedAt.toISOString()}`, "Granted blocking request"));
  }
  return out;
}
