import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { now } from "../../../shared/clock.js";

export const CONSENT_KINDS = ["USER_AGREEMENT", "PRIVACY_POLICY", "PARENT_NOTIFICATIONS"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** SELF: the person gave it; GUARDIAN: their parent or legal representative did, for a minor. */
export const CONSENT_RELATIONS = ["SELF", "GUARDIAN"] as const;
export type ConsentRelation = (typeof CONSENT_RELATIONS)[number];

/**
 * One consent of one person to one version of a text, from its giving to its withdrawal. Rows are never
 * deleted: giving again after a withdrawal opens a new row, so the table is the history.
 */
@Entity({ tableName: "consents" })
@Index({ properties: ["subjectId", "givenAt"] })
export class Consent {
  [OptionalProps]?: "givenAt";

  @PrimaryKey({ type: "string", length: 36 })
  id: string;

  /** Whose consent it is (a minor's consent is still the minor's, given by a guardian). */
  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Enum({ items: () => [...CONSENT_KINDS], type: "string" })
  kind: ConsentKind;

  /** The version of the text consented to (POLICY_VERSION at the time). */
  @Property({ type: "string", length: 32 })
  version: string;

  @Property({ type: "string", length: 36 })
  givenById: string;

  @Enum({ items: () => [...CONSENT_RELATIONS], type: "string" })
  givenByRelation: ConsentRelation;

  @Property({ type: "datetime" })
  givenAt: Date = now();

  @Property({ type: "datetime", nullable: true })
  withdrawnAt?: Date | null;

  @Property({ type: "string", length: 36, nullable: true })
  withdrawnById?: string | null;

  /**
   * "subjectId:kind" while the consent is in force, null once it is withdrawn or replaced. Unique, so two
   * concurrent givings can never leave two rows in force (NULLs do not collide in SQLite or PostgreSQL).
   */
  @Unique()
  @Property({ type: "string", length: 64, nullable: true })
  inForceKey?: string | null;
}

/** The value of `inForceKey` for a consent in force. */
export const inForceKey = (subjectId: string, kind: ConsentKind): string => `${subjectId}:${kind}`;
