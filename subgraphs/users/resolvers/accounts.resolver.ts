import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { createPerson, type PersonCreation } from "../accounts/create-person.js";
import { activateAccount, changePassword, resetPassword, type PasswordReset } from "../accounts/passwords.js";
import { confirmPhone, requestPasswordResetCode, requestPhoneCheck } from "../accounts/sms-reset.js";
import type { UsersContext } from "../context.js";
import type { AuthPayload } from "../sign-in/sign-in.js";
import { CreatePersonInputType, PasswordResetType, PersonCreationType } from "../types/accounts.js";
import { AuthPayloadType } from "../types/index.js";

@ArgsType()
class ActivateArgs {
  @Field(() => String)
  login: string;

  @Field(() => String, { description: "The one-time code given by the school (or sent by SMS)" })
  code: string;

  @Field(() => String)
  newPassword: string;
}

@ArgsType()
class ChangePasswordArgs {
  @Field(() => String)
  oldPassword: string;

  @Field(() => String)
  newPassword: string;
}

/** Accounts and passwords (DESIGN.md §7). */
@Resolver()
export class AccountsResolver {
  @Mutation(() => PersonCreationType, { description: "Creates an account; its login and one-time activation code are shown this once" })
  createPerson(
    @Arg("input", () => CreatePersonInputType) input: CreatePersonInputType,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<PersonCreation> {
    return createPerson(ctx, input);
  }

  @Mutation(() => AuthPayloadType, { description: "First sign-in with the one-time code: sets the password and signs in" })
  async activateAccount(@Args(() => ActivateArgs) args: ActivateArgs, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    const { payload, caller } = await activateAccount(ctx, args);
    ctx.caller = caller;
    return payload;
  }

  @Mutation(() => Boolean, { description: "Changes the caller's password; every session ends, this one too" })
  changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() ctx: AuthedContext<UsersContext>): Promise<boolean> {
    return changePassword(ctx, args);
  }

  @Mutation(() => PasswordResetType, {
    description: "School admin: a new one-time code for one of the school's people; their sessions end",
  })
  resetPassword(@Arg("userId", () => ID) userId: string, @Ctx() ctx: AuthedContext<UsersContext>): Promise<PasswordReset> {
    return resetPassword(ctx, userId);
  }

  @Mutation(() => Boolean, {
    description: "Texts a one-time code to the verified phone of the login's account, if there is one; always true",
  })
  requestPasswordResetCode(@Arg("login", () => String) login: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return requestPasswordResetCode(ctx, login);
  }

  @Mutation(() => Boolean, { description: "Texts a code to the caller's phone on record, to verify it" })
  requestPhoneCheck(@Ctx() ctx: AuthedContext<UsersContext>): Promise<boolean> {
    return requestPhoneCheck(ctx);
  }

  @Mutation(() => Boolean, { description: "Verifies the caller's phone with the code texted to it" })
  confirmPhone(@Arg("code", () => String) code: string, @Ctx() ctx: AuthedContext<UsersContext>): Promise<boolean> {
    return confirmPhone(ctx, code);
  }
}
