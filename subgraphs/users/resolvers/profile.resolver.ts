import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { UnauthenticatedError } from "../../../shared/errors.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import type { UsersContext } from "../context.js";
import { User } from "../entities/index.js";
import { PROFILE_CHANGED, profileChanged } from "../events/profile-changed.js";
import { LocaleEnum, UserType } from "../types/index.js";

type Ctx = AuthedContext<UsersContext>;

/** What a person changes of their own profile themself. Names are not among it: they follow documents (a rectification request). */
@Resolver(() => UserType)
export class ProfileResolver {
  @Mutation(() => UserType, {
    description: "The caller's interface language, which notices to them are written in too (from their next sign-in in tokens)",
  })
  async updateMyProfile(@Arg("locale", () => LocaleEnum) locale: Locale, @Ctx() ctx: Ctx): Promise<User> {
    const user = await ctx.em.transactional(async (tx) => {
      const found = await tx.findOne(User, { id: ctx.caller.sub });
      // A valid token for an account that no longer exists is no longer a valid sign-in.
      if (!found) throw new UnauthenticatedError();
      if (found.locale === locale) return found;
      found.locale = locale;
      enqueue(tx, PROFILE_CHANGED, { ...profileChanged(found) });
      return found;
    });
    ctx.services.relay.kick();
    return user;
  }
}
