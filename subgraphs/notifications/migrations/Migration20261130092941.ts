import { Migration } from "@mikro-orm/migrations";

export class Migration20261130092941 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );

    this.addSql(
      `create table "contacts" ("recipient_id" varchar(36) not null, "phone" varchar(20) null, "email" varchar(200) null, "locale" varchar(10) not null default 'UZ_LATN', constraint "contacts_pkey" primary key ("recipient_id"));`,
    );
  }
}
