import { buildSubgraph, type BuiltSubgraph } from "../../shared/federation/build-subgraph.js";
import { usersReferences } from "./references/index.js";
import { AccountsResolver } from "./resolvers/accounts.resolver.js";
import { AccessRecordResolver } from "./resolvers/access-record.resolver.js";
import { AuthResolver } from "./resolvers/auth.resolver.js";
import { PartnerResolver } from "./resolvers/partner.resolver.js";
import { DataRequestResolver } from "./resolvers/data-request.resolver.js";
import { GuardianshipResolver } from "./resolvers/guardianship.resolver.js";
import { ProfileResolver } from "./resolvers/profile.resolver.js";
import { ConsentResolver, UserConsentsResolver } from "./resolvers/consent.resolver.js";
import { PersonalDataResolver } from "./resolvers/personal-data.resolver.js";
import { UserResolver } from "./resolvers/user.resolver.js";
import { usersSubjects } from "./subjects.js";

/** Root fields that work without a token: they are how a token is obtained or given up. */
export const USERS_PUBLIC_FIELDS = [
  "signIn",
  "refreshSession",
  "signOut",
  "partnerToken",
  "activateAccount",
  "requestPasswordResetCode",
] as const;

export const buildUsersSchema = (): Promise<BuiltSubgraph> =>
  buildSubgraph({
    resolvers: [
      UserResolver,
      AuthResolver,
      PartnerResolver,
      PersonalDataResolver,
      AccessRecordResolver,
      DataRequestResolver,
      ConsentResolver,
      UserConsentsResolver,
      GuardianshipResolver,
      ProfileResolver,
      AccountsResolver,
    ],
    references: usersReferences,
    subjects: usersSubjects,
    publicFields: USERS_PUBLIC_FIELDS,
    // Nobody learns even the login or role of a person they have no relationship to.
    reachableOnly: ["User"],
  });
