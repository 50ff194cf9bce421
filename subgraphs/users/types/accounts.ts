/** Inputs and answers of account creation and passwords. The one-time code appears only in these answers. */
import { Field, InputType, ObjectType } from "type-graphql";
import type { Role } from "../../../shared/auth/roles.js";
import { DateScalar } from "../../../shared/scalars.js";
import { RoleEnum, UserType } from "./index.js";

@InputType("CreatePersonInput")
export class CreatePersonInputType {
  @Field(() => RoleEnum)
  role: Role;

  @Field(() => String, { description: "Latin script, as in the documents" })
  lastName: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String, { nullable: true })
  patronymic?: string | null;

  @Field(() => String, { nullable: true, description: "The full name in Cyrillic, when it is not the plain transliteration" })
  fullNameCyrl?: string | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: '"M" or "F"' })
  gender?: string | null;

  @Field(() => String, { nullable: true, description: "14 digits with a valid check digit; one account per PINFL" })
  pinfl?: string | null;

  @Field(() => String, { nullable: true, description: "+998 and 9 digits" })
  phone?: string | null;
}

@ObjectType("PersonCreation", { description: "A new account, or the existing one of the same PINFL" })
export class PersonCreationType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => Boolean, { description: "False: an account with this PINFL existed and is answered instead" })
  created: boolean;

  @Field(() => String, { nullable: true, description: "The login made from the name (new accounts only)" })
  login?: string | null;

  @Field(() => String, { nullable: true, description: "The one-time activation code, shown this once (new accounts only)" })
  activationCode?: string | null;
}

@ObjectType("PasswordReset", { description: "A password reset by the school's administration" })
export class PasswordResetType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => String, { description: "The new one-time activation code, shown this once" })
  activationCode: string;
}
