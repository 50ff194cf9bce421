import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import type { UsersContext } from "../context.js";
import {
  createPartnerClient,
  listPartnerClients,
  revokePartnerClient,
  rotatePartnerSecret,
  type IssuedCredentials,
} from "../partners/admin.js";
import { issuePartnerToken } from "../partners/token.js";
import {
  CreatePartnerClientInput,
  PartnerClientType,
  PartnerCredentialsType,
  PartnerTokenType,
  partnerClientView,
  scopeOf,
} from "../types/partner.js";

/** A class, not two @Arg parameters, so the SDL lists the client id before the secret. */
@ArgsType()
class PartnerTokenArgs {
  @Field(() => ID)
  clientId: string;

  @Field(() => String)
  clientSecret: string;
}

const credentials = ({ client, clientSecret }: IssuedCredentials): PartnerCredentialsType => ({
  clientId: client.id,
  clientSecret,
  client: partnerClientView(client),
});

/** Integration partners: the operator's administration (partners/admin.ts) and the public token endpoint. */
@Resolver()
export class PartnerResolver {
  @Mutation(() => PartnerTokenType, { description: "Client credentials for a short-lived access token (throttled like signIn)" })
  async partnerToken(
    @Args(() => PartnerTokenArgs) { clientId, clientSecret }: PartnerTokenArgs,
    @Ctx() ctx: UsersContext,
  ): Promise<PartnerTokenType> {
    const issued = await issuePartnerToken(ctx, clientId, clientSecret);
    return {
      accessToken: issued.accessToken,
      tokenType: "Bearer",
      expiresAt: issued.expiresAt,
      purposes: issued.client.purposes,
      scope: scopeOf(issued.client),
      ratePerMinute: issued.client.ratePerMinute,
    };
  }

  @Mutation(() => PartnerCredentialsType, {
    description: "Operator only (MINISTRY_OFFICIAL, ADMINISTRATION); the secret is shown this once",
  })
  async createPartnerClient(
    @Arg("input", () => CreatePartnerClientInput) input: CreatePartnerClientInput,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<PartnerCredentialsType> {
    return credentials(await createPartnerClient(ctx, input));
  }

  @Mutation(() => PartnerCredentialsType, { description: "Operator only: a new secret; the old one stops working at once" })
  async rotatePartnerSecret(
    @Arg("clientId", () => ID) clientId: string,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<PartnerCredentialsType> {
    return credentials(await rotatePartnerSecret(ctx, clientId));
  }

  @Mutation(() => PartnerClientType, { description: "Operator only: no more tokens, and those issued are refused everywhere" })
  async revokePartnerClient(
    @Arg("clientId", () => ID) clientId: string,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<PartnerClientType> {
    return partnerClientView(await revokePartnerClient(ctx, clientId));
  }

  @Query(() => [PartnerClientType], { description: "Operator only: every client, oldest first; never a secret" })
  async partnerClients(
    @Arg("includeRevoked", () => Boolean, { defaultValue: true }) includeRevoked: boolean,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<PartnerClientType[]> {
    return (await listPartnerClients(ctx, includeRevoked)).map(partnerClientView);
  }
}
