using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Stream uncertainties kept exactly as typed, relative (± %) or absolute (± in the stream's unit), as jsonb. Generated with
/// <c>dotnet ef migrations add StreamUncertaintyAsTyped</c>, then made to carry the old percentages over.
/// </summary>
public sealed partial class StreamUncertaintyAsTyped : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // The uncertainty becomes a value as typed with its kind (± % or ± in the stream's unit). Every existing
        // figure was a percentage: it carries over as a relative uncertainty, its text the number without
        // trailing zeros ("5.000" → "5").
        foreach (var table in new[] { "material_streams", "energy_streams" })
        {
            migrationBuilder.AddColumn<string>(
                name: "uncertainty",
                table: table,
                type: "jsonb",
                nullable: true);

            migrationBuilder.Sql($"""
                UPDATE {table}
                SET uncertainty = jsonb_build_object(
                    'Text', trim_scale(uncertainty_percent)::text,
                    'Value', trim_scale(uncertainty_percent),
                    'Kind', 'Relative')
                WHERE uncertainty_percent IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "uncertainty_percent",
                table: table);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Relative uncertainties go back as percentages (rounded to the old column's three decimals); absolute ones
        // have no place in the old column and are lost.
        foreach (var table in new[] { "material_streams", "energy_streams" })
        {
            migrationBuilder.AddColumn<decimal>(
                name: "uncertainty_percent",
                table: table,
                type: "numeric(7,3)",
                precision: 7,
                scale: 3,
                nullable: true);

            migrationBuilder.Sql($"""
                UPDATE {table}
                SET uncertainty_percent = round((uncertainty ->> 'Value')::numeric, 3)
                WHERE uncertainty ->> 'Kind' = 'Relative';
                """);

            migrationBuilder.DropColumn(
                name: "uncertainty",
                table: table);
        }
    }
}
