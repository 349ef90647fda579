using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CpTraining.Domain.Certificates;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>
/// The programme's coordinators (and administrators) set its completion rule. The rule's row is made on the first
/// save (until then the default applies); later saves check its xmin so that two coordinators do not overwrite each
/// other unknowingly. Every change is audited with the rule before and after.
/// </summary>
[Authorize]
public sealed class RuleModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    private string _userId = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var refused = await CheckAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        var (rule, version) = await LoadRuleAsync(id);
        Input = new InputModel
        {
            MinimumAttendancePercent = rule.MinimumAttendancePercent,
            ExcusedCountsAsPresent = rule.ExcusedCountsAsPresent,
            AllTasks = rule.MinimumAcceptedTasks is null,
            MinimumAcceptedTasks = rule.MinimumAcceptedTasks,
            Version = version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var refused = await CheckAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        if (!Input.AllTasks && Input.MinimumAcceptedTasks is null && ModelState.IsValid)
        {
            ModelState.AddModelError("Input.MinimumAcceptedTasks", t["Enter how many home tasks must be accepted, or choose all tasks."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        SaveResult result;
        try
        {
            result = await save.SaveAsync(this, async () =>
            {
                var rule = await db.CompletionRules.SingleOrDefaultAsync(r => r.ProgrammeId == id);
                if (rule is null && Input.Version is null)
                {
                    // The first save makes the rule's row (until then the default applies).
                    rule = CompletionRule.DefaultFor(id);
                    db.CompletionRules.Add(rule);
                }
                else
                {
                    // A form opened on the default carries no version: someone saved the first rule meanwhile. A form
                    // opened on a saved rule that has since disappeared is someone else's change too.
                    rule = save.Expect(rule, Input.Version ?? 0);
                }

                var before = Describe(rule);
                rule.Change(Input.MinimumAttendancePercent!.Value, Input.ExcusedCountsAsPresent, Input.AllTasks ? null : Input.MinimumAcceptedTasks);
                db.Record(time, _userId, id, "completion-rule.changed", ProgrammeName, before, Describe(rule));
                return true;
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two first saves at once: the other one made the rule's row.
            db.ChangeTracker.Clear();
            result = SaveResult.Conflict;
        }

        switch (result)
        {
            case SaveResult.Conflict:
                var (current, version) = await LoadRuleAsync(id);
                Input.Version = version;
                ModelState.AddConflict(t["Someone else changed the completion rule while you were editing it; it is now: {0}. Check your choices below and save again to replace it.", Describe(current)], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The completion rule has been saved."].Value;
        return RedirectToPage("/Certificates/Programme", new { id });
    }

    /// <summary>The rule in a line, for the audit log and the conflict message (numbers and flags, language-neutral).</summary>
    private static string Describe(CompletionRule rule) => string.Create(
        CultureInfo.InvariantCulture,
        $"attendance ≥ {rule.MinimumAttendancePercent} %, excused {(rule.ExcusedCountsAsPresent ? "count" : "do not count")}, tasks: {(rule.MinimumAcceptedTasks is { } n ? "≥ " + n : "all")}");

    private async Task<(CompletionRule Rule, uint? Version)> LoadRuleAsync(Guid id)
    {
        var stored = await db.CompletionRules.AsNoTracking()
            .Where(r => r.ProgrammeId == id)
            .Select(r => new { Rule = r, Version = EF.Property<uint>(r, "Version") })
            .SingleOrDefaultAsync();
        return stored is null ? (CompletionRule.DefaultFor(id), null) : (stored.Rule, stored.Version);
    }

    private async Task<IActionResult?> CheckAsync(Guid id)
    {
        var name = await db.Programmes.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.ManageProgramme, inProgramme))
        {
            return Forbid();
        }

        (ProgrammeId, ProgrammeName, _userId) = (id, name, standing.UserId);
        return null;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "This field is required.")]
        [Range(0, 100, ErrorMessage = "Enter a percentage from {1} to {2}.")]
        [Display(Name = "Minimum attendance (%)")]
        public int? MinimumAttendancePercent { get; set; }

        [Display(Name = "Excused days count as attended")]
        public bool ExcusedCountsAsPresent { get; set; }

        /// <summary>Every home task given must be accepted (else at least <see cref="MinimumAcceptedTasks"/>).</summary>
        public bool AllTasks { get; set; } = true;

        [Range(0, CompletionRule.MaxAcceptedTasks, ErrorMessage = "Enter a number of tasks from {1} to {2}.")]
        [Display(Name = "At least this many accepted home tasks")]
        public int? MinimumAcceptedTasks { get; set; }

        /// <summary>The saved rule's xmin; null while the programme has the default rule.</summary>
        public uint? Version { get; set; }
    }
}
