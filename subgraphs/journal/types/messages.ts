/** Teacher-to-parent messages about a student. */
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { DateTimeScalar } from "../../../shared/scalars.js";
import { MESSAGE_TOPICS, type MessageTopic } from "../entities/index.js";
import { ACADEMIC_PURPOSES } from "./index.js";

export const MessageTopicEnum = Object.fromEntries(MESSAGE_TOPICS.map((t) => [t, t])) as { [K in MessageTopic]: K };
registerEnumType(MessageTopicEnum, { name: "ParentMessageTopic", description: "What a message to a student's parents is about" });

/** About the student as a whole: readable where the student's marks are, without the subject restriction. */
@ObjectType("ParentMessage", { description: "A teacher's message to a student's parents, delivered to them as a notice" })
@Directive(personalData("academic", ACADEMIC_PURPOSES))
export class ParentMessageType {
  @Field(() => ID)
  id: string;

  @Field(() => MessageTopicEnum)
  topic: MessageTopic;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Field(() => DateTimeScalar)
  sentAt: Date;
}

@InputType("SendParentMessageInput")
export class SendParentMessageInput {
  @Field(() => ID)
  studentId: string;

  @Field(() => MessageTopicEnum)
  topic: MessageTopic;

  @Field(() => String, { description: "At most 2000 characters" })
  text: string;
}
