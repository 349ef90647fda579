using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.Balances.Transfer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>
/// Every submitted version of one piece of work — who handed it in and when, late or not, its files and the feedback
/// given on it — and a line diff between two chosen versions (by default the previous and the latest), so the trainer
/// and the company see what a revision changed. Everyone who may see the work may open it.
/// </summary>
[Authorize]
public sealed class VersionsModel(AppDbContext db, AccessControl access, IStringLocalizer<SharedResource> t) : PageModel
{
    public SubmissionSummary Summary { get; private set; } = null!;

    public SubmissionRights Rights { get; private set; } = null!;

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<VersionView> Versions { get; private set; } = [];

    /// <summary>The compared versions' numbers (both 0 when there are fewer than two versions).</summary>
    public int From { get; private set; }

    public int To { get; private set; }

    public IReadOnlyList<DiffLine> Diff { get; private set; } = [];

    /// <summary>Per version number: the worksheet frozen with it and the trainers' comments on its streams.</summary>
    public IReadOnlyDictionary<int, FrozenWorksheetView> FrozenWorksheets { get; private set; } = new Dictionary<int, FrozenWorksheetView>();

    /// <summary>The options register frozen in each version that carried it, by version number.</summary>
    public IReadOnlyDictionary<int, Domain.Options.OptionsRegisterSnapshot> FrozenOptions { get; private set; } = new Dictionary<int, Domain.Options.OptionsRegisterSnapshot>();

    public int Added => Diff.Count(l => l.Kind == DiffKind.Added);

    public int Removed => Diff.Count(l => l.Kind == DiffKind.Removed);

    public async Task<IActionResult> OnGetAsync(Guid submissionId, int? from, int? to)
    {
        var rights = await SubmissionRights.LoadAsync(db, access, submissionId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayView)
        {
            return Forbid();
        }

        Rights = rights;
        Summary = await SubmissionSummary.LoadAsync(db, submissionId);
        Versions = await SubmissionHistory.LoadAsync(db, submissionId, t["(unknown)"]);
        FrozenWorksheets = await Balances.Transfer.FrozenWorksheets.LoadAsync(db, submissionId, Summary.Zone, t["(unknown)"]);
        FrozenOptions = await db.SubmissionVersions.AsNoTracking()
            .Where(v => v.SubmissionId == submissionId && v.Options != null)
            .ToDictionaryAsync(v => v.Number, v => v.Options!);
        if (Versions.Count >= 2)
        {
            // Numbers that are not versions (an edited address) fall back to the default pair rather than failing.
            var numbers = Versions.Select(v => v.Number).ToHashSet();
            To = to is { } b && numbers.Contains(b) ? b : Versions[^1].Number;
            From = from is { } a && numbers.Contains(a) ? a : Math.Max(To - 1, Versions[0].Number);
            Diff = TextDiff.Lines(Text(From), Text(To));
        }

        return Page();
    }

    private string Text(int number) => Versions.Single(v => v.Number == number).Text;
}
