import { Migration } from "@mikro-orm/migrations";

export class Migration20261130105238 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "guardians" ("id" varchar(36) not null, "locale" varchar(10) not null default 'UZ_LATN', "language" varchar(10) null, "digest" boolean not null default false, "notify" boolean not null default false, "consent_changed_at" timestamptz null, "profile_changed_at" timestamptz null, constraint "guardians_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "student_names" ("student_id" varchar(36) not null, "latn" varchar(200) not null, "cyrl" varchar(200) null, "changed_at" timestamptz null, constraint "student_names_pkey" primary key ("student_id"));`,
    );

    this.addSql(
      `alter table "notifications" add column "deliver_after" timestamptz null, add column "in_digest" boolean not null default false, add column "digested_into" varchar(36) null;`,
    );
    this.addSql(`create index "notifications_in_digest_digested_into_index" on "notifications" ("in_digest", "digested_into");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notifications_in_digest_digested_into_index";`);
  }
}
