using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Certificates of completion: each programme's completion rule (a row only once its coordinators change the
/// default of 80 % attendance and every home task accepted) and the certificates issued, one per person and
/// programme, with a unique verification code.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202090000_Certificates")]
public sealed class Certificates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE completion_rules (
                programme_id uuid NOT NULL,
                minimum_attendance_percent integer NOT NULL,
                excused_counts_as_present boolean NOT NULL,
                minimum_accepted_tasks integer,
                CONSTRAINT pk_completion_rules PRIMARY KEY (programme_id),
                CONSTRAINT ck_completion_rules_attendance CHECK (minimum_attendance_percent BETWEEN 0 AND 100),
                CONSTRAINT ck_completion_rules_tasks CHECK (minimum_accepted_tasks IS NULL OR minimum_accepted_tasks >= 0),
                CONSTRAINT fk_completion_rules_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE
            )
            """);
        migrationBuilder.Sql("""
            CREATE TABLE certificates (
                id uuid NOT NULL,
                programme_id uuid NOT NULL,
                user_id character varying(450) NOT NULL,
                person_name character varying(200) NOT NULL,
                programme_name character varying(200) NOT NULL,
                organisers character varying(500) NOT NULL,
                language character varying(10) NOT NULL,
                completion_date date NOT NULL,
                code character(12) NOT NULL,
                issued_by character varying(450) NOT NULL,
                issued_at timestamp with time zone NOT NULL,
                revoked_at timestamp with time zone,
                revoked_by character varying(450),
                revocation_reason character varying(1000),
                CONSTRAINT pk_certificates PRIMARY KEY (id),
                CONSTRAINT fk_certificates_programmes_programme_id FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE,
                CONSTRAINT fk_certificates_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            )
            """);
        migrationBuilder.Sql("CREATE UNIQUE INDEX ix_certificates_code ON certificates (code)");
        migrationBuilder.Sql("CREATE UNIQUE INDEX ix_certificates_programme_id_user_id ON certificates (programme_id, user_id)");
        migrationBuilder.Sql("CREATE INDEX ix_certificates_user_id ON certificates (user_id)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "certificates");
        migrationBuilder.DropTable(name: "completion_rules");
    }
}
