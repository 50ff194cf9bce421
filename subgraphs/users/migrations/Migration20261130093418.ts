import { Migration } from "@mikro-orm/migrations";

export class Migration20261130093418 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "consents" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "kind" text check ("kind" in ('USER_AGREEMENT', 'PRIVACY_POLICY', 'PARENT_NOTIFICATIONS')) not null, "version" varchar(32) not null, "given_by_id" varchar(36) not null, "given_by_relation" text check ("given_by_relation" in ('SELF', 'GUARDIAN')) not null, "given_at" timestamptz not null, "withdrawn_at" timestamptz null, "withdrawn_by_id" varchar(36) null, "in_force_key" varchar(64) null, constraint "consents_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "consents" add constraint "consents_in_force_key_unique" unique ("in_force_key");`);
    this.addSql(`create index "consents_subject_id_given_at_index" on "consents" ("subject_id", "given_at");`);
  }
}
