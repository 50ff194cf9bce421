/** The GraphQL face of data requests (rectification, blocking, unblocking, erasure) and their workflow. */
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../../shared/scalars.js";
import {
  DATA_REQUEST_KINDS,
  DATA_REQUEST_REASONS,
  DATA_REQUEST_STATUSES,
  DATA_REQUEST_STEP_KINDS,
  type DataRequestKind,
  type DataRequestReason,
  type DataRequestStatus,
  type DataRequestStepKind,
} from "../entities/index.js";

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const DataRequestKindEnum = enumOf<DataRequestKind>(DATA_REQUEST_KINDS);
export const DataRequestReasonEnum = enumOf<DataRequestReason>(DATA_REQUEST_REASONS);
export const DataRequestStatusEnum = enumOf<DataRequestStatus>(DATA_REQUEST_STATUSES);
export const DataRequestStepKindEnum = enumOf<DataRequestStepKind>(DATA_REQUEST_STEP_KINDS);
registerEnumType(DataRequestKindEnum, { name: "DataRequestKind" });
registerEnumType(DataRequestReasonEnum, { name: "DataRequestReason" });
registerEnumType(DataRequestStatusEnum, { name: "DataRequestStatus" });
registerEnumType(DataRequestStepKindEnum, { name: "DataRequestStepKind" });

@ObjectType("FieldCorrection")
export class FieldCorrectionType {
  @Field(() => String, { description: 'e.g. "User.phone"' })
  field: string;

  @Field(() => String)
  value: string;
}

@ObjectType("DataRequestStep")
export class DataRequestStepType {
  @Field(() => DataRequestStepKindEnum)
  kind: DataRequestStepKind;

  @Field(() => ID, { nullable: true, description: "Who took the step; null for what the system did" })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: "Fields, topics, counts or the decision note; never a personal value" })
  detail?: string | null;

  @Field(() => DateTimeScalar)
  at: Date;
}

/** corrections and steps are field resolvers in ../resolvers/data-request.resolver.ts. */
@ObjectType("DataRequest")
export class DataRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  subjectId: string;

  @Field(() => DataRequestKindEnum)
  kind: DataRequestKind;

  @Field(() => [String], { description: 'Personal fields named, e.g. "User.phone"; an erasure covers the whole person' })
  fields: string[];

  @Field(() => DataRequestReasonEnum, { nullable: true, description: "Absent only for an unblocking" })
  reason?: DataRequestReason | null;

  @Field(() => ID)
  filedById: string;

  @Field(() => DateTimeScalar)
  filedAt: Date;

  @Field(() => DataRequestStatusEnum)
  status: DataRequestStatus;

  @Field(() => ID, { nullable: true })
  decidedById?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Why a request was refused (always given then)" })
  decisionNote?: string | null;
}

@InputType("FieldCorrectionInput")
export class FieldCorrectionInput {
  @Field(() => String)
  field: string;

  @Field(() => String)
  value: string;
}

@InputType("DataRequestInput")
export class DataRequestInput {
  @Field(() => ID, { description: "The person the request is about: the caller, or a parent's child" })
  subjectId: string;

  @Field(() => DataRequestKindEnum)
  kind: DataRequestKind;

  @Field(() => [String], { description: 'e.g. ["User.phone"]; may be empty for an erasure' })
  fields: string[];

  @Field(() => DataRequestReasonEnum, { nullable: true, description: "Required except for an unblocking" })
  reason?: DataRequestReason | null;

  @Field(() => [FieldCorrectionInput], { nullable: true, description: "Rectification: one new value per field" })
  corrections?: FieldCorrectionInput[] | null;
}
