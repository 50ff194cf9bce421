import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { assertReachable } from "../../../shared/auth/enforce.js";
import { isPartner } from "../../../shared/auth/partners.js";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError, UnauthenticatedError } from "../../../shared/errors.js";
import { localName } from "../../../shared/i18n/names.js";
import { parseId } from "../../../shared/ids.js";
import type { UsersContext } from "../context.js";
import type { User } from "../entities/index.js";
import { userSubject } from "../subjects.js";
import { FIELD_PURPOSES, UserType } from "../types/index.js";

const present = <T>(items: Array<T | null | Error>): T[] => items.filter((x): x is T => x !== null && !(x instanceof Error));

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { description: "The signed-in person" })
  async me(@Ctx() ctx: AuthedContext<UsersContext>): Promise<User> {
    if (isPartner(ctx.caller)) throw new ForbiddenError("An integration partner's token stands for no person");
    // A valid token for an account that no longer exists is no longer a valid sign-in.
    return (await ctx.loaders.user.load(ctx.caller.sub)) ?? Promise.reject(new UnauthenticatedError());
  }

  @Query(() => UserType, { nullable: true })
  async user(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthedContext<UsersContext>): Promise<User> {
    const user = await ctx.loaders.user.load(parseId(id, "id"));
    // An unknown id gets the same answer as a person the caller does not relate to (assertReachable).
    await assertReachable(ctx, user ? await userSubject(ctx, user) : null, "User");
    return user!;
  }

  @FieldResolver(() => String, { nullable: true, description: "In the reader's script" })
  @Directive(personalData("name", FIELD_PURPOSES.name))
  fullName(@Root() user: User, @Ctx() ctx: UsersContext): string | null {
    return user.fullName ? localName({ latn: user.fullName, cyrl: user.fullNameCyrl }, ctx.locale) : null;
  }

  @FieldResolver(() => [UserType], { nullable: true, description: "A parent's children; empty for others" })
  @Directive(personalData("family", FIELD_PURPOSES.family))
  async children(@Root() user: User, @Ctx() ctx: UsersContext): Promise<User[]> {
    const links = await ctx.loaders.guardianshipsByParent.load(user.id);
    return present(await ctx.loaders.user.loadMany(links.map((g) => g.studentId)));
  }

  @FieldResolver(() => [UserType], { nullable: true, description: "A student's parents and legal representatives" })
  @Directive(personalData("family", FIELD_PURPOSES.family))
  async guardians(@Root() user: User, @Ctx() ctx: UsersContext): Promise<User[]> {
    const links = await ctx.loaders.guardianshipsByStudent.load(user.id);
    return present(await ctx.loaders.user.loadMany(links.map((g) => g.parentId)));
  }
}
