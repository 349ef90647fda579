using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// The first migration with a model snapshot (AppDbContextModelSnapshot). The migrations before it were written by hand
/// and already create the whole schema (the schema drift test proves it equals the model), so this one changes nothing:
/// existing databases only record it as applied. From here on, migrations are generated with
/// <c>dotnet ef migrations add Name --project src/CpTraining.Web</c> and reviewed; the snapshot lets EF work out what
/// changed, and a test fails while the model has changes that no migration describes.
/// </summary>
public sealed partial class Baseline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Nothing to create: 20261122090000_Initial … 20261202120000_PublishedReports made every table, index and constraint.
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Nothing to drop: undoing this migration leaves the schema of 20261202120000_PublishedReports, which is the same.
    }
}
