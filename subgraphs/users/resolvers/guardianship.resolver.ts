import { Arg, Ctx, ID, Mutation, Resolver, registerEnumType } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import type { User } from "../entities/index.js";
import { linkGuardian, unlinkGuardian, type GuardianRelation } from "../guardianships/link.js";
import { UserType } from "../types/index.js";

type Ctx = AuthedContext<UsersContext>;

const GuardianRelationEnum = { MOTHER: "MOTHER", FATHER: "FATHER", GUARDIAN: "GUARDIAN" } as const;
type GuardianRelationName = keyof typeof GuardianRelationEnum;
registerEnumType(GuardianRelationEnum, { name: "GuardianRelation", description: "How a guardian stands to a student" });

/** The school's administration links a parent or legal representative to a student of its school, or unlinks them. */
@Resolver(() => UserType)
export class GuardianshipResolver {
  @Mutation(() => UserType, {
    description: "School admin: makes a PARENT account a guardian of a student of the school; returns the student",
  })
  async linkGuardian(
    @Arg("studentId", () => ID) studentId: string,
    @Arg("parentId", () => ID) parentId: string,
    @Arg("relation", () => GuardianRelationEnum, { defaultValue: "GUARDIAN" }) relation: GuardianRelationName,
    @Ctx() ctx: Ctx,
  ): Promise<User> {
    const result = await linkGuardian(ctx.em, ctx.caller, {
      studentId: parseId(studentId, "studentId"),
      parentId: parseId(parentId, "parentId"),
      relation: relation.toLowerCase() as GuardianRelation,
    });
    if (result.changed) ctx.services.relay.kick();
    return result.student;
  }

  @Mutation(() => UserType, { description: "School admin: ends a guardianship of a student of the school; returns the student" })
  async unlinkGuardian(
    @Arg("studentId", () => ID) studentId: string,
    @Arg("parentId", () => ID) parentId: string,
    @Ctx() ctx: Ctx,
  ): Promise<User> {
    const result = await unlinkGuardian(ctx.em, ctx.caller, {
      studentId: parseId(studentId, "studentId"),
      parentId: parseId(parentId, "parentId"),
    });
    ctx.services.relay.kick();
    return result.student;
  }
}
