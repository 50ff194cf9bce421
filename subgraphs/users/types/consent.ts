/** The GraphQL face of consents: who consented to which text, given by whom, and when it was withdrawn. */
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { DateTimeScalar } from "../../../shared/scalars.js";
import { CONSENT_KINDS, CONSENT_RELATIONS, type ConsentKind, type ConsentRelation } from "../entities/index.js";
import { enumOf } from "./index.js";

export const ConsentKindEnum = enumOf(CONSENT_KINDS);
export const ConsentRelationEnum = enumOf(CONSENT_RELATIONS);
registerEnumType(ConsentKindEnum, {
  name: "ConsentKind",
  description: "USER_AGREEMENT and PRIVACY_POLICY: without them the account is not processed; PARENT_NOTIFICATIONS: notices to a parent",
});
registerEnumType(ConsentRelationEnum, {
  name: "ConsentRelation",
  description: "Who gave a consent: the person, or a guardian for a minor",
});

/**
 * Lawful purposes of consent records. JOURNAL too, as with identifiers: a parent manages a child's consents
 * in the ordinary app; the matrix (category "account") keeps teachers and officials of students out.
 */
export const CONSENT_PURPOSES: readonly Purpose[] = ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE"];

/** One consent of one person to one version; a withdrawn one stays, as history. `inForce` is a field resolver. */
@ObjectType("Consent")
@Directive(personalData("account", CONSENT_PURPOSES))
export class ConsentType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: "Whose consent it is" })
  subjectId: string;

  @Field(() => ConsentKindEnum)
  kind: ConsentKind;

  @Field(() => String, { description: "Version of the text consented to (POLICY_VERSION at the time)" })
  version: string;

  @Field(() => ID)
  givenById: string;

  @Field(() => ConsentRelationEnum)
  givenByRelation: ConsentRelation;

  @Field(() => DateTimeScalar)
  givenAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  withdrawnAt?: Date | null;

  @Field(() => ID, { nullable: true })
  withdrawnById?: string | null;
}
