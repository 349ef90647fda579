using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Participant companies and who takes part: companies, their enrolments in programmes (pilot flag, trainer,
/// archive), CP team members tied to a company, people's positions, attendance marks per session day,
/// working groups, and the audit log of enrolment and role changes.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122120000_CompaniesAndPeople")]
public sealed class CompaniesAndPeople : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE companies (
                id uuid NOT NULL,
                name character varying(200) NOT NULL,
                sector_code character varying(10),
                sector_name character varying(200),
                city character varying(100) NOT NULL,
                region character varying(100),
                country character varying(100) NOT NULL,
                employees integer,
                address character varying(300),
                production_description character varying(4000),
                environmental_problem character varying(4000),
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_companies PRIMARY KEY (id)
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE working_groups (
                id uuid NOT NULL,
                session_id uuid NOT NULL,
                name character varying(100) NOT NULL,
                CONSTRAINT pk_working_groups PRIMARY KEY (id),
                CONSTRAINT fk_working_groups_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE audit_entries (
                id uuid NOT NULL,
                at timestamp with time zone NOT NULL,
                actor_user_id character varying(450) NOT NULL,
                programme_id uuid,
                action character varying(100) NOT NULL,
                subject character varying(400) NOT NULL,
                before text,
                after text,
                CONSTRAINT pk_audit_entries PRIMARY KEY (id)
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE enrolments (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid NOT NULL,
                is_pilot boolean NOT NULL,
                trainer_user_id character varying(450),
                enrolled_at timestamp with time zone NOT NULL,
                archived_at timestamp with time zone,
                CONSTRAINT pk_enrolments PRIMARY KEY (id),
                CONSTRAINT fk_enrolments_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_enrolments_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE,
                CONSTRAINT fk_enrolments_users_trainer_user_id FOREIGN KEY (trainer_user_id) REFERENCES users (id) ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE attendance_marks (
                id uuid NOT NULL,
                session_id uuid NOT NULL,
                user_id character varying(450) NOT NULL,
                day integer NOT NULL,
                status character varying(10) NOT NULL,
                recorded_by character varying(450) NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_attendance_marks PRIMARY KEY (id),
                CONSTRAINT fk_attendance_marks_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
                CONSTRAINT fk_attendance_marks_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE working_group_members (
                id uuid NOT NULL,
                group_id uuid NOT NULL,
                user_id character varying(450) NOT NULL,
                CONSTRAINT pk_working_group_members PRIMARY KEY (id),
                CONSTRAINT fk_working_group_members_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
                CONSTRAINT fk_working_group_members_working_groups_group_id FOREIGN KEY (group_id) REFERENCES working_groups (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            ALTER TABLE users ADD position character varying(200)
            """);

        migrationBuilder.Sql("""
            ALTER TABLE programme_members ADD company_id uuid
            """);

        migrationBuilder.Sql("""
            ALTER TABLE programme_members ADD CONSTRAINT fk_programme_members_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_attendance_marks_session_id_user_id_day ON attendance_marks (session_id, user_id, day)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_attendance_marks_user_id ON attendance_marks (user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_audit_entries_programme_id_at ON audit_entries (programme_id, at)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_companies_name ON companies (name)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_enrolments_company_id ON enrolments (company_id)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_enrolments_programme_id_company_id ON enrolments (programme_id, company_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_enrolments_trainer_user_id ON enrolments (trainer_user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_programme_members_company_id ON programme_members (company_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_programme_members_programme_id_company_id ON programme_members (programme_id, company_id)
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_working_group_members_group_id_user_id ON working_group_members (group_id, user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_working_group_members_user_id ON working_group_members (user_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_working_groups_session_id ON working_groups (session_id)
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "working_group_members");
        migrationBuilder.DropTable(name: "attendance_marks");
        migrationBuilder.DropTable(name: "enrolments");
        migrationBuilder.DropTable(name: "audit_entries");
        migrationBuilder.DropTable(name: "working_groups");
        migrationBuilder.DropForeignKey(name: "fk_programme_members_companies_company_id", table: "programme_members");
        migrationBuilder.DropIndex(name: "ix_programme_members_company_id", table: "programme_members");
        migrationBuilder.DropIndex(name: "ix_programme_members_programme_id_company_id", table: "programme_members");
        migrationBuilder.DropColumn(name: "company_id", table: "programme_members");
        migrationBuilder.DropColumn(name: "position", table: "users");
        migrationBuilder.DropTable(name: "companies");
    }
}
