using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Cleaner Production options (register, evaluations, achieved results as jsonb; status, category and kind as
/// columns), and the options register attached to home-task work and frozen in each submitted version.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201180000_Options")]
public sealed class Options : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE submissions ADD options_attached boolean NOT NULL DEFAULT FALSE");
        migrationBuilder.Sql("ALTER TABLE submissions ALTER COLUMN options_attached DROP DEFAULT");
        migrationBuilder.Sql("ALTER TABLE submission_versions ADD options jsonb");

        migrationBuilder.Sql("""
            CREATE TABLE cp_options (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid NOT NULL,
                number integer NOT NULL,
                title character varying(200) NOT NULL,
                description character varying(8000),
                problems_addressed character varying(2000),
                category character varying(30) NOT NULL,
                kind character varying(20) NOT NULL,
                status character varying(20) NOT NULL,
                rejection_reason character varying(1000),
                status_changed_at timestamp with time zone NOT NULL,
                technical jsonb NOT NULL,
                economics jsonb,
                entered_reductions jsonb NOT NULL,
                achieved jsonb,
                verified_at timestamp with time zone,
                verified_by character varying(450),
                next_step character varying(500),
                responsible character varying(200),
                next_step_due date,
                created_at timestamp with time zone NOT NULL,
                evidence_file_ids uuid[] NOT NULL,
                links jsonb NOT NULL,
                CONSTRAINT pk_cp_options PRIMARY KEY (id),
                CONSTRAINT fk_cp_options_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_cp_options_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("CREATE INDEX ix_cp_options_company_id ON cp_options (company_id)");
        migrationBuilder.Sql("CREATE UNIQUE INDEX ix_cp_options_programme_id_company_id_number ON cp_options (programme_id, company_id, number)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "cp_options");
        migrationBuilder.DropColumn(name: "options", table: "submission_versions");
        migrationBuilder.DropColumn(name: "options_attached", table: "submissions");
    }
}
