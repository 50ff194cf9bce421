import { Migration } from "@mikro-orm/migrations";

export class Migration20261130102314 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "academic_terms" ("id" varchar(36) not null, "year" int not null, "kind" text check ("kind" in ('QUARTER', 'HALF')) not null, "number" int not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, constraint "academic_terms_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "academic_terms_starts_on_ends_on_index" on "academic_terms" ("starts_on", "ends_on");`);
    this.addSql(`alter table "academic_terms" add constraint "academic_terms_year_kind_number_unique" unique ("year", "kind", "number");`);

    this.addSql(
      `create table "calendar_breaks" ("id" varchar(36) not null, "year" int not null, "kind" text check ("kind" in ('HOLIDAY', 'VACATION')) not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, "name_latn" varchar(200) not null, "name_cyrl" varchar(200) not null, "name_ru" varchar(200) not null, constraint "calendar_breaks_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "calendar_breaks_starts_on_ends_on_index" on "calendar_breaks" ("starts_on", "ends_on");`);
    this.addSql(
      `alter table "calendar_breaks" add constraint "calendar_breaks_year_kind_starts_on_unique" unique ("year", "kind", "starts_on");`,
    );

    this.addSql(
      `create table "homework_changes" ("id" varchar(36) not null, "lesson_id" varchar(36) not null, "class_id" varchar(36) not null, "lesson_date" varchar(10) not null, "changed_by_id" varchar(36) not null, "changed_at" timestamptz not null, "old_text" text null, "new_text" text null, "old_due_on" varchar(10) null, "new_due_on" varchar(10) null, constraint "homework_changes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "homework_changes_lesson_id_index" on "homework_changes" ("lesson_id");`);
    this.addSql(`create index "homework_changes_class_id_lesson_date_index" on "homework_changes" ("class_id", "lesson_date");`);

    this.addSql(
      `create table "timetable_entries" ("id" varchar(36) not null, "class_id" varchar(36) not null, "term_id" varchar(36) not null, "weekday" int not null, "period" int not null, "subject_id" varchar(36) not null, "teacher_id" varchar(36) not null, "room" varchar(50) null, constraint "timetable_entries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "timetable_entries_term_id_index" on "timetable_entries" ("term_id");`);
    this.addSql(`create index "timetable_entries_teacher_id_term_id_index" on "timetable_entries" ("teacher_id", "term_id");`);
    this.addSql(
      `alter table "timetable_entries" add constraint "timetable_entries_class_id_term_id_weekday_period_unique" unique ("class_id", "term_id", "weekday", "period");`,
    );

    this.addSql(
      `alter table "lessons" add column "homework_due_on" varchar(10) null, add column "room" varchar(50) null, add column "cancelled" boolean not null default false, add column "cancel_reason" varchar(500) null, add column "substitute_teacher_id" varchar(36) null, add column "planned_date" varchar(10) null, add column "planned_period" int null;`,
    );
    this.addSql(`create index "lessons_substitute_teacher_id_index" on "lessons" ("substitute_teacher_id");`);
    this.addSql(
      `alter table "lessons" add constraint "lessons_class_id_planned_date_planned_period_unique" unique ("class_id", "planned_date", "planned_period");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "lessons_substitute_teacher_id_index";`);
    this.addSql(`alter table "lessons" drop constraint "lessons_class_id_planned_date_planned_period_unique";`);
  }
}
