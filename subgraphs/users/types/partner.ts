/** The GraphQL face of integration partners: their clients (never a secret but once), and their tokens. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PARTNER_LEVELS, type PartnerLevel } from "../../../shared/auth/partners.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { DateTimeScalar } from "../../../shared/scalars.js";
import type { PartnerClient } from "../entities/index.js";
import { enumOf, PurposeEnum } from "./index.js";

export const PartnerScopeLevelEnum = enumOf(PARTNER_LEVELS);
registerEnumType(PartnerScopeLevelEnum, {
  name: "PartnerScopeLevel",
  description: "How far a partner reaches: MINISTRY the whole country, or one region, district or school",
});

@ObjectType("PartnerScope")
export class PartnerScopeType {
  @Field(() => PartnerScopeLevelEnum)
  level: PartnerLevel;

  @Field(() => ID, { nullable: true, description: "The region, district or school; null for MINISTRY" })
  unitId: string | null;
}

@InputType("PartnerScopeInput")
export class PartnerScopeInput {
  @Field(() => PartnerScopeLevelEnum)
  level: PartnerLevel;

  @Field(() => ID, { nullable: true, description: "Required for REGION, DISTRICT and SCHOOL; absent for MINISTRY" })
  unitId?: string | null;
}

@InputType("CreatePartnerClientInput")
export class CreatePartnerClientInput {
  @Field(() => String, { description: "The partner organisation and its integration" })
  name: string;

  @Field(() => [PurposeEnum], { description: "REPORTING for any scope; JOURNAL (personal data) only for a SCHOOL scope" })
  purposes: Purpose[];

  @Field(() => PartnerScopeInput)
  scope: PartnerScopeInput;

  @Field(() => Int, { description: "Requests per minute the gateway admits from the client's tokens (1..600)" })
  ratePerMinute: number;
}

/** A client as the operator sees it; the secret is not here (only its hash is kept). */
@ObjectType("PartnerClient")
export class PartnerClientType {
  @Field(() => ID, { description: "The client id: the `sub` of its tokens and the accessorId of its audited reads" })
  clientId: string;

  @Field(() => String)
  name: string;

  @Field(() => [PurposeEnum])
  purposes: Purpose[];

  @Field(() => PartnerScopeType)
  scope: PartnerScopeType;

  @Field(() => Int)
  ratePerMinute: number;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => ID)
  createdById: string;

  @Field(() => DateTimeScalar, { nullable: true })
  secretRotatedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Boolean, { description: "Not revoked: it can get tokens" })
  active: boolean;
}

@ObjectType("PartnerCredentials", { description: "Shown once: only a hash of the secret is kept" })
export class PartnerCredentialsType {
  @Field(() => ID)
  clientId: string;

  @Field(() => String)
  clientSecret: string;

  @Field(() => PartnerClientType)
  client: PartnerClientType;
}

@ObjectType("PartnerToken")
export class PartnerTokenType {
  @Field(() => String, { description: "Send as Authorization: Bearer <accessToken>" })
  accessToken: string;

  @Field(() => String, { description: "Always Bearer" })
  tokenType: string;

  @Field(() => DateTimeScalar, { description: "When the access token expires; then ask again with the secret" })
  expiresAt: Date;

  @Field(() => [PurposeEnum], { description: "What X-Purpose may declare with this token" })
  purposes: Purpose[];

  @Field(() => PartnerScopeType)
  scope: PartnerScopeType;

  @Field(() => Int)
  ratePerMinute: number;
}

export const scopeOf = (client: PartnerClient): PartnerScopeType => ({ level: client.scopeLevel, unitId: client.scopeUnitId ?? null });

export const partnerClientView = (client: PartnerClient): PartnerClientType => ({
  clientId: client.id,
  name: client.name,
  purposes: client.purposes,
  scope: scopeOf(client),
  ratePerMinute: client.ratePerMinute,
  createdAt: client.createdAt,
  createdById: client.createdById,
  secretRotatedAt: client.secretRotatedAt ?? null,
  revokedAt: client.revokedAt ?? null,
  active: !client.revokedAt,
});
