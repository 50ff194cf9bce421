import { Migration } from "@mikro-orm/migrations";

export class Migration20261130111135 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );

    this.addSql(
      `create table "contacts" ("recipient_id" varchar(36) not null, "phone" varchar(20) null, "email" varchar(200) null, "locale" varchar(10) not null default 'UZ_LATN', constraint "contacts_pkey" primary key ("recipient_id"));`,
    );

    this.addSql(
      `create table "deliveries" ("id" varchar(36) not null, "notice_id" varchar(36) not null, "recipient_id" varchar(36) not null, "kind" varchar(20) not null, "channel" varchar(10) not null, "status" varchar(20) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "claim_token" varchar(36) null, "last_attempt_at" timestamptz null, "last_error" varchar(200) null, "sent_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "deliveries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "deliveries_claim_token_index" on "deliveries" ("claim_token");`);
    this.addSql(`create index "deliveries_updated_at_index" on "deliveries" ("updated_at");`);
    this.addSql(`create index "deliveries_recipient_id_index" on "deliveries" ("recipient_id");`);
    this.addSql(`create index "deliveries_status_next_attempt_at_index" on "deliveries" ("status", "next_attempt_at");`);
    this.addSql(`alter table "deliveries" add constraint "deliveries_notice_id_channel_unique" unique ("notice_id", "channel");`);

    this.addSql(
      `create table "guardians" ("id" varchar(36) not null, "locale" varchar(10) not null default 'UZ_LATN', "language" varchar(10) null, "digest" boolean not null default false, "notify" boolean not null default false, "consent_changed_at" timestamptz null, "profile_changed_at" timestamptz null, constraint "guardians_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "notification_preferences" ("recipient_id" varchar(36) not null, "channels" jsonb not null, "telegram_chat_id" varchar(32) null, "updated_at" timestamptz not null, constraint "notification_preferences_pkey" primary key ("recipient_id"));`,
    );

    this.addSql(
      `create table "retention_schedule" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "reason" varchar(20) not null, "due_on" varchar(10) not null, "created_at" timestamptz not null, "done_at" timestamptz null, "outcome" jsonb null, constraint "retention_schedule_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "retention_schedule_done_at_due_on_index" on "retention_schedule" ("done_at", "due_on");`);
    this.addSql(
      `alter table "retention_schedule" add constraint "retention_schedule_subject_id_reason_unique" unique ("subject_id", "reason");`,
    );

    this.addSql(
      `create table "student_names" ("student_id" varchar(36) not null, "latn" varchar(200) not null, "cyrl" varchar(200) null, "changed_at" timestamptz null, constraint "student_names_pkey" primary key ("student_id"));`,
    );

    this.addSql(
      `alter table "access_records" add column "recipient" varchar(200) null, add column "restricted" boolean not null default false;`,
    );

    this.addSql(`alter table "guardian_links" add column "consent_changed_at" timestamptz null;`);
    this.addSql(`create index "guardian_links_guardian_id_index" on "guardian_links" ("guardian_id");`);

    this.addSql(
      `alter table "notifications" add column "deliver_after" timestamptz null, add column "in_digest" boolean not null default false, add column "digested_into" varchar(36) null;`,
    );
    this.addSql(`create index "notifications_in_digest_digested_into_index" on "notifications" ("in_digest", "digested_into");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "guardian_links_guardian_id_index";`);

    this.addSql(`drop index "notifications_in_digest_digested_into_index";`);
  }
}
