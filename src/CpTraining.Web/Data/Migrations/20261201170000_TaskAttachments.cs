using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CpTraining.Web.Data.Migrations;

/// <summary>
/// What engineers attach to a home task besides text and files (<c>TaskAttachments</c> flags: 1 = a balance
/// worksheet, 2 = their CP options register), on task templates and given tasks. Existing rows: the standard
/// session-2 balance and cost-of-losses tasks (English and Ukrainian titles, as in <c>StandardHomeTasks</c>) take a
/// worksheet and the standard session-3 options and feasibility tasks take the options register; every other task
/// takes neither. Work that already has a worksheet attached keeps showing it whatever its task says.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201170000_TaskAttachments")]
public sealed class HomeTaskAttachments : Migration
{
    private const string WorksheetTitles = """
        ('Mass and energy balance of the focus process', 'Cost of the waste streams',
         'Матеріальний та енергетичний баланс ключового процесу', 'Вартість потоків відходів')
        """;

    private const string OptionsTitles = """
        ('Cleaner Production options', 'Feasibility of the options',
         'Варіанти чистого виробництва', 'Доцільність варіантів')
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "task_templates", "home_tasks" })
        {
            // The default only fills the existing rows; the model has none, so it is dropped again.
            migrationBuilder.Sql($"ALTER TABLE {table} ADD attachments integer NOT NULL DEFAULT 0");
            migrationBuilder.Sql($"ALTER TABLE {table} ALTER COLUMN attachments DROP DEFAULT");
            migrationBuilder.Sql($"UPDATE {table} SET attachments = 1 WHERE after_session = 2 AND title IN {WorksheetTitles}");
            migrationBuilder.Sql($"UPDATE {table} SET attachments = 2 WHERE after_session = 3 AND title IN {OptionsTitles}");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE home_tasks DROP COLUMN attachments");
        migrationBuilder.Sql("ALTER TABLE task_templates DROP COLUMN attachments");
    }
}
