using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Home tasks: per-programme task templates, assigned tasks, each company's (or person's) submission with its
/// frozen versions and reviews, presentations at the next session, uploaded files (metadata and content in separate
/// tables), in-app notifications, and the person's choice of task e-mails.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201140000_HomeTasks")]
public sealed class HomeTasks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE users ADD task_emails boolean NOT NULL DEFAULT TRUE");

        migrationBuilder.Sql("""
            CREATE TABLE stored_files (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                owner_kind character varying(20) NOT NULL,
                owner_id uuid NOT NULL,
                file_name character varying(200) NOT NULL,
                content_type character varying(100) NOT NULL,
                length bigint NOT NULL,
                sha256 character varying(64) NOT NULL,
                uploaded_by character varying(450) NOT NULL,
                uploaded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_stored_files PRIMARY KEY (id),
                CONSTRAINT fk_stored_files_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE task_templates (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                after_session integer NOT NULL,
                position integer NOT NULL,
                title character varying(200) NOT NULL,
                instructions character varying(20000) NOT NULL,
                is_presented boolean NOT NULL,
                CONSTRAINT pk_task_templates PRIMARY KEY (id),
                CONSTRAINT fk_task_templates_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE notifications (
                id uuid NOT NULL,
                user_id character varying(450) NOT NULL,
                kind character varying(30) NOT NULL,
                subject character varying(300) NOT NULL,
                detail character varying(300),
                link character varying(500) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                read_at timestamp with time zone,
                CONSTRAINT pk_notifications PRIMARY KEY (id),
                CONSTRAINT fk_notifications_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE stored_file_contents (
                file_id uuid NOT NULL,
                data bytea NOT NULL,
                CONSTRAINT pk_stored_file_contents PRIMARY KEY (file_id),
                CONSTRAINT fk_stored_file_contents_stored_files_file_id FOREIGN KEY (file_id) REFERENCES stored_files (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE home_tasks (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                after_session integer NOT NULL,
                template_id uuid,
                title character varying(200) NOT NULL,
                instructions character varying(20000) NOT NULL,
                due_date date NOT NULL,
                cut_off date,
                is_presented boolean NOT NULL,
                assigned_by character varying(450) NOT NULL,
                assigned_at timestamp with time zone NOT NULL,
                instruction_file_ids uuid[] NOT NULL,
                CONSTRAINT pk_home_tasks PRIMARY KEY (id),
                CONSTRAINT fk_home_tasks_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE,
                CONSTRAINT fk_home_tasks_task_templates_template_id FOREIGN KEY (template_id) REFERENCES task_templates (id) ON DELETE SET NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE submissions (
                id uuid NOT NULL,
                home_task_id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid,
                user_id character varying(450),
                status character varying(20) NOT NULL,
                draft_text character varying(50000),
                last_saved_by character varying(450),
                last_saved_at timestamp with time zone,
                due_date date NOT NULL,
                cut_off date,
                extended_until date,
                extension_reason character varying(2000),
                extended_by character varying(450),
                due_soon_reminded_for date,
                overdue_reminded_for date,
                draft_file_ids uuid[] NOT NULL,
                CONSTRAINT pk_submissions PRIMARY KEY (id),
                CONSTRAINT ck_submissions_owner CHECK (company_id IS NOT NULL OR user_id IS NOT NULL),
                CONSTRAINT fk_submissions_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_submissions_home_tasks_home_task_id FOREIGN KEY (home_task_id) REFERENCES home_tasks (id) ON DELETE CASCADE,
                CONSTRAINT fk_submissions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE submission_versions (
                id uuid NOT NULL,
                submission_id uuid NOT NULL,
                number integer NOT NULL,
                text character varying(50000) NOT NULL,
                submitted_by character varying(450) NOT NULL,
                submitted_at timestamp with time zone NOT NULL,
                is_late boolean NOT NULL,
                idempotency_key uuid NOT NULL,
                file_ids uuid[] NOT NULL,
                CONSTRAINT pk_submission_versions PRIMARY KEY (id),
                CONSTRAINT fk_submission_versions_submissions_submission_id FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE reviews (
                id uuid NOT NULL,
                submission_id uuid NOT NULL,
                version_number integer NOT NULL,
                decision character varying(20) NOT NULL,
                feedback character varying(20000),
                reviewer_id character varying(450) NOT NULL,
                at timestamp with time zone NOT NULL,
                CONSTRAINT pk_reviews PRIMARY KEY (id),
                CONSTRAINT fk_reviews_submissions_submission_id FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE presentations (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                session_number integer NOT NULL,
                submission_id uuid NOT NULL,
                position integer NOT NULL,
                presenter_user_id character varying(450),
                day integer,
                start time without time zone,
                minutes integer NOT NULL,
                CONSTRAINT pk_presentations PRIMARY KEY (id),
                CONSTRAINT ck_presentations_minutes CHECK (minutes BETWEEN 5 AND 120),
                CONSTRAINT fk_presentations_submissions_submission_id FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE CASCADE,
                CONSTRAINT fk_presentations_users_presenter_user_id FOREIGN KEY (presenter_user_id) REFERENCES users (id) ON DELETE SET NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_home_tasks_programme_id_after_session ON home_tasks (programme_id, after_session)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_home_tasks_template_id ON home_tasks (template_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_notifications_user_id_created_at ON notifications (user_id, created_at)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_presentations_presenter_user_id ON presentations (presenter_user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_presentations_programme_id_session_number_position ON presentations (programme_id, session_number, position)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_presentations_submission_id ON presentations (submission_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_reviews_submission_id_version_number ON reviews (submission_id, version_number)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_stored_files_owner_kind_owner_id ON stored_files (owner_kind, owner_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_stored_files_programme_id ON stored_files (programme_id)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_submission_versions_submission_id_idempotency_key ON submission_versions (submission_id, idempotency_key)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_submission_versions_submission_id_number ON submission_versions (submission_id, number)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_submissions_company_id ON submissions (company_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_submissions_home_task_id ON submissions (home_task_id)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_submissions_home_task_id_company_id ON submissions (home_task_id, company_id) WHERE user_id IS NULL
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_submissions_home_task_id_user_id ON submissions (home_task_id, user_id) WHERE user_id IS NOT NULL
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_submissions_programme_id_company_id ON submissions (programme_id, company_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_submissions_user_id ON submissions (user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_task_templates_programme_id_after_session_position ON task_templates (programme_id, after_session, position)
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "presentations");
        migrationBuilder.DropTable(name: "reviews");
        migrationBuilder.DropTable(name: "submission_versions");
        migrationBuilder.DropTable(name: "submissions");
        migrationBuilder.DropTable(name: "home_tasks");
        migrationBuilder.DropTable(name: "stored_file_contents");
        migrationBuilder.DropTable(name: "notifications");
        migrationBuilder.DropTable(name: "task_templates");
        migrationBuilder.DropTable(name: "stored_files");
        migrationBuilder.DropColumn(name: "task_emails", table: "users");
    }
}
