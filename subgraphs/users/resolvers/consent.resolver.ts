import { Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError, NotFoundError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { recordGiving, recordWithdrawal } from "../consents/record.js";
import { actingRelation, checkKindFor } from "../consents/rules.js";
import type { UsersContext } from "../context.js";
import type { Consent, ConsentKind, ConsentRelation, User } from "../entities/index.js";
import { CONSENT_PURPOSES, ConsentKindEnum, ConsentType } from "../types/consent.js";
import { UserType } from "../types/index.js";

type Ctx = AuthedContext<UsersContext>;

@ArgsType()
class GiveConsentArgs {
  @Field(() => ConsentKindEnum)
  kind: ConsentKind;

  @Field(() => ID, { nullable: true, description: "Whose consent: a guardian names their minor child; default: the caller" })
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: "The version the person was shown; must be the one in force (default)" })
  version?: string | null;
}

@ArgsType()
class WithdrawConsentArgs {
  @Field(() => ConsentKindEnum)
  kind: ConsentKind;

  @Field(() => ID, { nullable: true, description: "Whose consent: a guardian names their minor child; default: the caller" })
  subjectId?: string | null;
}

/** The person whose consent is meant, and how the caller may act for them (refused otherwise). */
async function subjectAndRelation(ctx: Ctx, subjectIdArg: string | null | undefined, kind: ConsentKind): Promise<[User, ConsentRelation]> {
  const subjectId = subjectIdArg ? parseId(subjectIdArg, "subjectId") : ctx.caller.sub;
  const subject = await ctx.loaders.user.load(subjectId);
  if (!subject) throw new NotFoundError("User");
  const relation = actingRelation(ctx.caller.sub, subject, await ctx.loaders.guardianshipsByStudent.load(subject.id));
  checkKindFor(subject, kind);
  return [subject, relation];
}

/** Consents: given and withdrawn by the person, or by a guardian for a minor; each change is an event. */
@Resolver(() => ConsentType)
export class ConsentResolver {
  @Mutation(() => ConsentType, {
    description: "Gives a consent to the version in force; giving it again after a withdrawal opens a new record",
  })
  async giveConsent(@Args(() => GiveConsentArgs) args: GiveConsentArgs, @Ctx() ctx: Ctx): Promise<Consent> {
    const [subject, relation] = await subjectAndRelation(ctx, args.subjectId, args.kind);
    const version = ctx.services.config.policyVersion;
    if (args.version != null && args.version !== version) {
      throw new BadUserInputError("version", `consent is given to the version in force, ${version}`);
    }
    const { consent, changed } = await recordGiving(ctx.em, {
      subjectId: subject.id,
      kind: args.kind,
      version,
      actorId: ctx.caller.sub,
      relation,
    });
    if (changed) ctx.services.relay.kick();
    return consent;
  }

  @Mutation(() => ConsentType, {
    description: "Withdraws the consent in force; withdrawing USER_AGREEMENT or PRIVACY_POLICY ends the person's sessions and sign-in",
  })
  async withdrawConsent(@Args(() => WithdrawConsentArgs) args: WithdrawConsentArgs, @Ctx() ctx: Ctx): Promise<Consent> {
    const [subject] = await subjectAndRelation(ctx, args.subjectId, args.kind);
    const consent = await recordWithdrawal(ctx.em, {
      subjectId: subject.id,
      kind: args.kind,
      actorId: ctx.caller.sub,
      accessTtlSeconds: ctx.services.tokens.accessTtlSeconds,
    });
    if (!consent) throw new NotFoundError("Consent in force");
    ctx.services.relay.kick();
    return consent;
  }

  @FieldResolver(() => Boolean, { description: "Not withdrawn (nor replaced by a consent to a newer version)" })
  inForce(@Root() consent: Consent): boolean {
    return !consent.withdrawnAt;
  }
}

/** User.consents: the person's consents, history included, newest first. */
@Resolver(() => UserType)
export class UserConsentsResolver {
  @FieldResolver(() => [ConsentType], { nullable: true, description: "Consents of the person, withdrawn ones included, newest first" })
  @Directive(personalData("account", CONSENT_PURPOSES))
  consents(@Root() user: User, @Ctx() ctx: UsersContext): Promise<Consent[]> {
    return ctx.loaders.consentsBySubject.load(user.id);
  }
}
