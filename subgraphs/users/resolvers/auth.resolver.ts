import { Arg, Args, ArgsType, Ctx, Field, Mutation, Resolver } from "type-graphql";
import type { UsersContext } from "../context.js";
import type { ConsentKind } from "../entities/index.js";
import { refreshSession, signIn, signOut, type AuthPayload } from "../sign-in/sign-in.js";
import { ConsentKindEnum } from "../types/consent.js";
import { AuthPayloadType } from "../types/index.js";

/** A class, not two @Arg parameters, so the SDL lists login before password as the contract does. */
@ArgsType()
class SignInArgs {
  @Field(() => String)
  login: string;

  @Field(() => String)
  password: string;

  @Field(() => [ConsentKindEnum], {
    nullable: true,
    description: "Consents given as the person signs in (to the version in force): how an adult who withdrew one comes back",
  })
  consents?: ConsentKind[] | null;
}

/** The public mutations (no token needed). After a sign-in the request continues as the new caller. */
@Resolver(() => AuthPayloadType)
export class AuthResolver {
  @Mutation(() => AuthPayloadType)
  async signIn(@Args(() => SignInArgs) { login, password, consents }: SignInArgs, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    const { payload, caller } = await signIn(ctx, login, password, consents ?? []);
    ctx.caller = caller;
    return payload;
  }

  @Mutation(() => AuthPayloadType)
  async refreshSession(@Arg("refreshToken", () => String) refreshToken: string, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    const { payload, caller } = await refreshSession(ctx, refreshToken);
    ctx.caller = caller;
    return payload;
  }

  @Mutation(() => Boolean, { description: "Ends the session of this refresh token; false when it is unknown" })
  signOut(@Arg("refreshToken", () => String) refreshToken: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return signOut(ctx, refreshToken);
  }
}
