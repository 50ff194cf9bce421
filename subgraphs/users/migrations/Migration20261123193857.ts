import { Migration } from "@mikro-orm/migrations";

export class Migration20261123193857 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_records" ("id" varchar(36) not null, "accessor_id" varchar(36) not null, "accessor_role" varchar(32) not null, "purpose" varchar(32) not null, "subject_id" varchar(36) not null, "fields" text not null, "released" boolean not null, "reason" varchar(32) null, "legal_basis" varchar(200) null, "request_id" varchar(64) not null, "at" timestamptz not null, constraint "access_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "access_records_subject_id_at_index" on "access_records" ("subject_id", "at");`);

    this.addSql(
      `create table "guardianships" ("id" varchar(36) not null, "parent_id" varchar(36) not null, "student_id" varchar(36) not null, "relation" varchar(20) not null default 'guardian', "created_at" timestamptz not null, constraint "guardianships_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "guardianships_parent_id_index" on "guardianships" ("parent_id");`);
    this.addSql(`create index "guardianships_student_id_index" on "guardianships" ("student_id");`);
    this.addSql(
      `alter table "guardianships" add constraint "guardianships_parent_id_student_id_unique" unique ("parent_id", "student_id");`,
    );

    this.addSql(
      `create table "outbox_events" ("id" varchar(36) not null, "seq" double precision not null, "topic" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, constraint "outbox_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_published_at_seq_index" on "outbox_events" ("published_at", "seq");`);

    this.addSql(
      `create table "password_credentials" ("user_id" varchar(36) not null, "hash" varchar(300) not null, "updated_at" timestamptz not null, constraint "password_credentials_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "placements" ("id" varchar(36) not null, "kind" varchar(16) not null, "user_id" varchar(36) not null, "role" varchar(32) null, "class_id" varchar(36) null, "subject_id" varchar(36) null, "school_id" varchar(36) null, "district_id" varchar(36) null, "region_id" varchar(36) null, "ends_on" varchar(10) null, constraint "placements_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "placements_user_id_index" on "placements" ("user_id");`);
    this.addSql(`create index "placements_class_id_index" on "placements" ("class_id");`);

    this.addSql(
      `create table "processed_events" ("event_id" varchar(36) not null, "consumer" varchar(100) not null, "processed_at" timestamptz not null, constraint "processed_events_pkey" primary key ("event_id", "consumer"));`,
    );

    this.addSql(
      `create table "refresh_tokens" ("id" varchar(36) not null, "user_id" varchar(36) not null, "family_id" varchar(36) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "refresh_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "refresh_tokens_user_id_index" on "refresh_tokens" ("user_id");`);
    this.addSql(`create index "refresh_tokens_family_id_index" on "refresh_tokens" ("family_id");`);
    this.addSql(`alter table "refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "sign_in_throttles" ("key" varchar(120) not null, "failures" int not null default 0, "last_failure_at" timestamptz null, "locked_until" timestamptz null, constraint "sign_in_throttles_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "users" ("id" varchar(36) not null, "login" varchar(64) not null, "role" text check ("role" in ('MINISTRY_OFFICIAL', 'REGION_OFFICIAL', 'DISTRICT_OFFICIAL', 'SCHOOL_ADMIN', 'TEACHER', 'STUDENT', 'PARENT', 'DATA_PROTECTION_OFFICER')) not null, "locale" text check ("locale" in ('UZ_LATN', 'UZ_CYRL', 'RU', 'EN')) not null default 'UZ_LATN', "full_name" varchar(200) null, "full_name_cyrl" varchar(200) null, "birth_date" varchar(10) null, "gender" varchar(1) null, "phone" varchar(20) null, "email" varchar(200) null, "pinfl" varchar(14) null, "address" varchar(300) null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_login_unique" unique ("login");`);
  }
}
