using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Trainers' and coordinators' reviews of plausibility findings (issue 14, point 3): one per programme, company,
/// subject and rule. Generated with <c>dotnet ef migrations add FindingReviews</c>.
/// </summary>
public sealed partial class FindingReviews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "finding_reviews",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                company_id = table.Column<Guid>(type: "uuid", nullable: false),
                subject_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                rule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                reviewed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                reviewed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_finding_reviews", x => x.id);
                table.ForeignKey(
                    name: "fk_finding_reviews_companies_company_id",
                    column: x => x.company_id,
                    principalTable: "companies",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "fk_finding_reviews_programmes_programme_id",
                    column: x => x.programme_id,
                    principalTable: "programmes",
                    principalColumn: "id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "ix_finding_reviews_company_id",
            table: "finding_reviews",
            column: "company_id");

        migrationBuilder.CreateIndex(
            name: "ix_finding_reviews_programme_id_company_id_subject_key_rule",
            table: "finding_reviews",
            columns: new[] { "programme_id", "company_id", "subject_key", "rule" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "finding_reviews");
    }
}
