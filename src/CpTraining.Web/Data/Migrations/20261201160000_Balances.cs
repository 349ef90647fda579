using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Mass and energy balance worksheets: worksheets with their process steps, material streams and energy streams
/// (quantities as typed kept as jsonb beside the normalised annual figures), editable emission factors, the
/// worksheet attached to a home-task submission and frozen into each submitted version, and trainers' comments on
/// streams of a submitted worksheet.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201160000_Balances")]
public sealed class Balances : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE submissions ADD worksheet_id uuid");
        migrationBuilder.Sql("ALTER TABLE submission_versions ADD worksheet jsonb");

        migrationBuilder.Sql("""
            CREATE TABLE emission_factors (
                id uuid NOT NULL,
                country character varying(100),
                carrier character varying(20) NOT NULL,
                tonnes_co2 numeric(18,6) NOT NULL,
                per_unit character varying(20) NOT NULL,
                source character varying(500) NOT NULL,
                updated_by character varying(450) NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_emission_factors PRIMARY KEY (id)
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE worksheets (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                company_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                focus_process character varying(200),
                data_source_notes character varying(4000),
                currency character varying(3) NOT NULL,
                period character varying(10) NOT NULL,
                batches_per_year integer,
                operating_days_per_year integer,
                closure_tolerance_percent numeric(5,2) NOT NULL,
                copied_from_id uuid,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_worksheets PRIMARY KEY (id),
                CONSTRAINT fk_worksheets_companies_company_id FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE RESTRICT,
                CONSTRAINT fk_worksheets_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE,
                CONSTRAINT fk_worksheets_worksheets_copied_from_id FOREIGN KEY (copied_from_id) REFERENCES worksheets (id) ON DELETE SET NULL
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE process_steps (
                id uuid NOT NULL,
                worksheet_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                position integer NOT NULL,
                accumulation jsonb,
                annual_accumulation_kilograms numeric(28,6) NOT NULL,
                CONSTRAINT pk_process_steps PRIMARY KEY (id),
                CONSTRAINT fk_process_steps_worksheets_worksheet_id FOREIGN KEY (worksheet_id) REFERENCES worksheets (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE material_streams (
                id uuid NOT NULL,
                worksheet_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                material character varying(200) NOT NULL,
                from_step_id uuid,
                to_step_id uuid,
                quantity jsonb NOT NULL,
                annual_kilograms numeric(28,6) NOT NULL,
                obtained character varying(12) NOT NULL,
                uncertainty_percent numeric(7,3),
                output_class character varying(20),
                purchase_price jsonb,
                disposal_fee jsonb,
                hazardous_substance character varying(200),
                hazardous_kilograms_per_year numeric(28,6),
                CONSTRAINT pk_material_streams PRIMARY KEY (id),
                CONSTRAINT fk_material_streams_process_steps_from_step_id FOREIGN KEY (from_step_id) REFERENCES process_steps (id) ON DELETE RESTRICT,
                CONSTRAINT fk_material_streams_process_steps_to_step_id FOREIGN KEY (to_step_id) REFERENCES process_steps (id) ON DELETE RESTRICT,
                CONSTRAINT fk_material_streams_worksheets_worksheet_id FOREIGN KEY (worksheet_id) REFERENCES worksheets (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE energy_streams (
                id uuid NOT NULL,
                worksheet_id uuid NOT NULL,
                name character varying(200),
                step_id uuid NOT NULL,
                carrier character varying(20) NOT NULL,
                quantity jsonb NOT NULL,
                annual_megajoules numeric(28,6) NOT NULL,
                obtained character varying(12) NOT NULL,
                uncertainty_percent numeric(7,3),
                price jsonb,
                CONSTRAINT pk_energy_streams PRIMARY KEY (id),
                CONSTRAINT fk_energy_streams_process_steps_step_id FOREIGN KEY (step_id) REFERENCES process_steps (id) ON DELETE RESTRICT,
                CONSTRAINT fk_energy_streams_worksheets_worksheet_id FOREIGN KEY (worksheet_id) REFERENCES worksheets (id) ON DELETE CASCADE
            )
            """);

        migrationBuilder.Sql("""
            CREATE TABLE stream_comments (
                id uuid NOT NULL,
                submission_id uuid NOT NULL,
                version_number integer NOT NULL,
                stream_id uuid NOT NULL,
                text character varying(4000) NOT NULL,
                author_id character varying(450) NOT NULL,
                at timestamp with time zone NOT NULL,
                CONSTRAINT pk_stream_comments PRIMARY KEY (id),
                CONSTRAINT fk_stream_comments_submissions_submission_id FOREIGN KEY (submission_id) REFERENCES submissions (id) ON DELETE RESTRICT
            )
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX ix_emission_factors_country_carrier ON emission_factors (country, carrier) NULLS NOT DISTINCT
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_energy_streams_step_id ON energy_streams (step_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_energy_streams_worksheet_id ON energy_streams (worksheet_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_material_streams_from_step_id ON material_streams (from_step_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_material_streams_to_step_id ON material_streams (to_step_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_material_streams_worksheet_id ON material_streams (worksheet_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_process_steps_worksheet_id_position ON process_steps (worksheet_id, position)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_stream_comments_submission_id_version_number ON stream_comments (submission_id, version_number)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_submissions_worksheet_id ON submissions (worksheet_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_worksheets_company_id ON worksheets (company_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_worksheets_copied_from_id ON worksheets (copied_from_id)
            """);

        migrationBuilder.Sql("""
            CREATE INDEX ix_worksheets_programme_id_company_id ON worksheets (programme_id, company_id)
            """);

        migrationBuilder.Sql("""
            ALTER TABLE submissions ADD CONSTRAINT fk_submissions_worksheets_worksheet_id FOREIGN KEY (worksheet_id) REFERENCES worksheets (id) ON DELETE RESTRICT
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE submissions DROP CONSTRAINT fk_submissions_worksheets_worksheet_id");
        migrationBuilder.DropColumn(name: "worksheet_id", table: "submissions");
        migrationBuilder.DropColumn(name: "worksheet", table: "submission_versions");
        migrationBuilder.DropTable(name: "stream_comments");
        migrationBuilder.DropTable(name: "energy_streams");
        migrationBuilder.DropTable(name: "material_streams");
        migrationBuilder.DropTable(name: "process_steps");
        migrationBuilder.DropTable(name: "worksheets");
        migrationBuilder.DropTable(name: "emission_factors");
    }
}
