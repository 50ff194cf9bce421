import { Migration } from "@mikro-orm/migrations";

export class Migration20261130102205 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "journal_changes" ("id" varchar(36) not null, "cell" text check ("cell" in ('GRADE', 'ATTENDANCE')) not null, "cell_id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, "lesson_id" varchar(36) null, "date" varchar(10) not null, "grade_kind" varchar(20) null, "old_value" varchar(30) null, "new_value" varchar(30) not null, "old_note" varchar(500) null, "new_note" varchar(500) null, "changed_by_id" varchar(36) not null, "changed_at" timestamptz not null, constraint "journal_changes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "journal_changes_cell_id_index" on "journal_changes" ("cell_id");`);
    this.addSql(`create index "journal_changes_student_id_index" on "journal_changes" ("student_id");`);
    this.addSql(`create index "journal_changes_class_id_date_index" on "journal_changes" ("class_id", "date");`);

    this.addSql(
      `create table "parent_messages" ("id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "sender_id" varchar(36) not null, "topic" text check ("topic" in ('BEHAVIOUR', 'MEETING', 'PROGRESS', 'OTHER')) not null, "text" text null, "sent_at" timestamptz not null, constraint "parent_messages_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "parent_messages_student_id_index" on "parent_messages" ("student_id");`);

    this.addSql(`alter table "attendance_marks" drop constraint if exists "attendance_marks_status_check";`);

    this.addSql(
      `alter table "attendance_marks" add constraint "attendance_marks_status_check" check("status" in ('PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ILLNESS', 'LATE', 'NO_PARENTAL_SUPERVISION', 'PARENTS_RESIST_EDUCATION', 'MARRIAGE', 'LEFT_COUNTRY'));`,
    );

    this.addSql(`alter table "grades" add column "term" int null, add column "term_key" varchar(10) null;`);
    this.addSql(
      `alter table "grades" add constraint "grades_student_id_subject_id_term_key_unique" unique ("student_id", "subject_id", "term_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attendance_marks" drop constraint if exists "attendance_marks_status_check";`);

    this.addSql(
      `alter table "attendance_marks" add constraint "attendance_marks_status_check" check("status" in ('PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ILLNESS', 'LATE'));`,
    );

    this.addSql(`alter table "grades" drop constraint "grades_student_id_subject_id_term_key_unique";`);
  }
}
