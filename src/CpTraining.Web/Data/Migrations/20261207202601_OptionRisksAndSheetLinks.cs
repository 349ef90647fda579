using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// Issue 15: an option's risks (optional text for the investment project sheet), and share links that open one
/// option's project sheet (share_links.option_id). Generated with <c>dotnet ef migrations add OptionRisksAndSheetLinks</c>.
/// </summary>
public sealed partial class OptionRisksAndSheetLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(
            name: "option_id",
            table: "share_links",
            type: "uuid",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "risks",
            table: "cp_options",
            type: "character varying(2000)",
            maxLength: 2000,
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "ix_share_links_option_id",
            table: "share_links",
            column: "option_id");

        migrationBuilder.AddForeignKey(
            name: "fk_share_links_cp_options_option_id",
            table: "share_links",
            column: "option_id",
            principalTable: "cp_options",
            principalColumn: "id",
            onDelete: ReferentialAction.Cascade);
    }
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(
            name: "fk_share_links_cp_options_option_id",
            table: "share_links");

        migrationBuilder.DropIndex(
            name: "ix_share_links_option_id",
            table: "share_links");

        migrationBuilder.DropColumn(
            name: "option_id",
            table: "share_links");

        migrationBuilder.DropColumn(
            name: "risks",
            table: "cp_options");
    }
}
