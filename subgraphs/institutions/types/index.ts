/** The GraphQL face of this subgraph's entities. Names and links are field resolvers in ../resolvers. */
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type { Purpose } from "../../../shared/auth/roles.js";

/** Lawful purposes of where a person studies or works. */
export const ENROLMENT_PURPOSES: readonly Purpose[] = ["JOURNAL", "ADMINISTRATION", "SELF_SERVICE", "PARENT_NOTIFICATION"];

@ObjectType("Region")
@Directive('@key(fields: "id")')
export class RegionType {
  @Field(() => ID)
  id: string;
}

@ObjectType("District")
@Directive('@key(fields: "id")')
export class DistrictType {
  @Field(() => ID)
  id: string;
}

@ObjectType("School")
@Directive('@key(fields: "id")')
export class SchoolType {
  @Field(() => ID)
  id: string;
}

@ObjectType("SchoolClass")
@Directive('@key(fields: "id")')
export class SchoolClassType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'e.g. "5-A"' })
  name: string;

  @Field(() => Int, { description: "1..11" })
  gradeLevel: number;
}

@ObjectType("Subject")
@Directive('@key(fields: "id")')
export class SubjectType {
  @Field(() => ID)
  id: string;
}

/** The users subgraph owns User; here it is a key stub that gains school and class. */
@ObjectType("User")
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id: string;
}
