using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// The organisers' logos of a programme for the report covers (issue 15): their stored files' ids in order, empty
/// for every existing programme. Written by hand in the shape <c>dotnet ef migrations add</c> gives an array column
/// (the model snapshot has the column too).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261207201500_ProgrammeLogos")]
public sealed class ProgrammeLogos : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid[]>(
            name: "logo_file_ids",
            table: "programmes",
            type: "uuid[]",
            nullable: false,
            defaultValue: Array.Empty<Guid>());

        // The default only fills the existing rows; the model has none (new programmes always write the column).
        migrationBuilder.Sql("ALTER TABLE programmes ALTER COLUMN logo_file_ids DROP DEFAULT;");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "logo_file_ids",
            table: "programmes");
    }
}
