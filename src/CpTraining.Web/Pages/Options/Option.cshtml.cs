using System.Security.Claims;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Balances;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// One CP option: its details and action plan, the balance streams it addresses with the reductions computed from
/// them (and the figures typed in over them), its technical evaluation, and its status in the workflow. One handler
/// per form; every form carries the option's row version (xmin), so a save made after someone else's change is
/// refused with a message and the user's input kept. Rights are the company's worksheet rights
/// (<see cref="EnrolledCompany"/>); managers read only. Only streams of this company's worksheets in this programme
/// can be linked.
/// </summary>
[Authorize]
public sealed class OptionModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Access { get; private set; } = null!;

    public CpOption Option { get; private set; } = null!;

    public uint Version { get; private set; }

    /// <summary>The company's country, which picks the emission factors (as on the balance page).</summary>
    public string Country { get; private set; } = string.Empty;

    /// <summary>The company's worksheets in the programme, as they are now.</summary>
    public IReadOnlyList<WorksheetSnapshot> Worksheets { get; private set; } = [];

    public Reductions Computed { get; private set; } = Reductions.None;

    public IReadOnlyList<LinkedReduction> Lines { get; private set; } = [];

    /// <summary>Each entered figure over the computed one.</summary>
    public Reductions Effective { get; private set; } = Reductions.None;

    public OptionDetailsInput Details { get; set; } = new();

    public PlanInput Plan { get; set; } = new();

    public LinksInput Links { get; set; } = new();

    public ReductionsInput Entered { get; set; } = new();

    public TechnicalInput Technical { get; set; } = new();

    public MoveInput Move { get; set; } = new();

    public bool Conflict { get; private set; }

    /// <summary>The plausibility findings of this option: its economics and its achieved results against the plan.</summary>
    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

    /// <summary>The form a refused post came from (its prefix), shown open with the input kept; null on a GET.</summary>
    public string? ActiveForm { get; private set; }

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(Guid optionId)
    {
        var refused = await CheckAsync(optionId, write: false);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(optionId);
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid optionId, [Bind(Prefix = nameof(Details))] OptionDetailsInput details)
    {
        Details = details;
        var chosen = details.Read(ModelState, t, nameof(Details));
        return await ChangeAsync(optionId, details.Version, nameof(Details), "details", option =>
        {
            if (chosen is not { } c)
            {
                return null;
            }

            option.ChangeDetails(details.Title, details.Description, details.ProblemsAddressed, c.Category, c.Kind);
            option.DescribeRisks(details.Risks);
            return "details changed";
        });
    }

    public async Task<IActionResult> OnPostPlanAsync(Guid optionId, [Bind(Prefix = nameof(Plan))] PlanInput plan)
    {
        Plan = plan;
        return await ChangeAsync(optionId, plan.Version, nameof(Plan), "plan", option =>
        {
            option.ChangePlan(plan.NextStep, plan.Responsible, plan.Due);
            return "action plan changed";
        });
    }

    /// <summary>Replaces the links with the ticked streams; a stream that is not one of this company's (a forged id) is refused.</summary>
    public async Task<IActionResult> OnPostLinksAsync(Guid optionId, [Bind(Prefix = nameof(Links))] LinksInput links)
    {
        Links = links;
        return await ChangeAsync(optionId, links.Version, nameof(Links), "links", option =>
        {
            if (links.Read(ModelState, t, nameof(Links), Worksheets) is not { } chosen)
            {
                return null;
            }

            option.LinkStreams(chosen);
            return $"{chosen.Count} streams linked";
        });
    }

    public async Task<IActionResult> OnPostReductionsAsync(Guid optionId, [Bind(Prefix = nameof(Entered))] ReductionsInput reductions)
    {
        Entered = reductions;
        return await ChangeAsync(optionId, reductions.Version, nameof(Entered), "reductions", option =>
        {
            if (reductions.Read(new FormNumbers(ModelState, t, nameof(Entered))) is not { } entered)
            {
                return null;
            }

            option.ChangeReductions(entered);
            return "entered reductions changed";
        }, OptionText.Fields(t, nameof(Entered)) with { Rename = ReductionsInput.FieldOf });
    }

    public async Task<IActionResult> OnPostTechnicalAsync(Guid optionId, [Bind(Prefix = nameof(Technical))] TechnicalInput technical)
    {
        Technical = technical;
        return await ChangeAsync(optionId, technical.Version, nameof(Technical), "technical", option =>
        {
            if (technical.Read(new FormNumbers(ModelState, t, nameof(Technical))) is not { } evaluated)
            {
                return null;
            }

            option.EvaluateTechnically(evaluated);
            return $"technical evaluation: score {evaluated.WeightedScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, feasible {evaluated.IsFeasible?.ToString() ?? "not judged"}";
        });
    }

    /// <summary>Moves the option to the next status (one of <see cref="OptionStatuses.Next"/>); refusals show the rule.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid optionId, [Bind(Prefix = nameof(Move))] MoveInput move)
    {
        Move = move;
        return await ChangeAsync(optionId, move.Version, nameof(Move), "status", option =>
        {
            if (OptionText.Parse<OptionStatus>(move.To) is not { } to || to == OptionStatus.Rejected)
            {
                ModelState.AddModelError($"{nameof(Move)}.Status", t["Choose one of the statuses offered."]);
                return null;
            }

            if (to == OptionStatus.Verified && option.Status.CanMove(to) && !Access.MayManage)
            {
                // Verification is an independent check: the trainer or a coordinator, never the company itself.
                ModelState.AddModelError($"{nameof(Move)}.Status", t["Only the company's trainer or a coordinator verifies achieved results."]);
                return null;
            }

            var from = option.Status;
            option.MoveTo(to, null, ActorId, time.GetUtcNow());
            return $"status {from} → {to}";
        });
    }

    /// <summary>Rejects the option (from any status but rejected); the reason is required.</summary>
    public async Task<IActionResult> OnPostRejectAsync(Guid optionId, [Bind(Prefix = nameof(Move))] MoveInput move)
    {
        Move = move;
        return await ChangeAsync(optionId, move.Version, nameof(Move), "status", option =>
        {
            var from = option.Status;
            option.MoveTo(OptionStatus.Rejected, move.Reason, ActorId, time.GetUtcNow());
            return $"status {from} → {OptionStatus.Rejected}: {option.RejectionReason}";
        });
    }

    /// <summary>
    /// Every form's save (<see cref="SaveFlow"/>): refuse users who may not write (before anything else), then load the
    /// option, check the form's row version, apply the change through the domain and save it. <paramref name="change"/>
    /// returns what it did for the audit log, or null when the form was refused.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Guid optionId, uint version, string prefix, string section, Func<CpOption, string?> change, FormFields? fields = null)
    {
        var refused = await CheckAsync(optionId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        ActiveForm = prefix;
        var result = !ModelState.IsValid ? SaveResult.Refused : await save.SaveAsync(this, async () =>
        {
            await LoadAsync(optionId, keep: prefix);
            save.Expect(Option, version);
            if (change(Option) is not { } what)
            {
                return false;
            }

            OptionAudit.Record(db, time, ActorId, Option, "option.changed", what);
            return true;
        }, fields ?? OptionText.Fields(t, prefix));
        if (result == SaveResult.Saved)
        {
            TempData["Success"] = t["Your changes have been saved."].Value;
            return RedirectToPage("/Options/Option", null, new { optionId }, section);
        }

        await LoadAsync(optionId, keep: prefix);
        return result == SaveResult.Conflict ? ShowConflict() : Page();
    }

    private PageResult ShowConflict()
    {
        Conflict = true;
        ModelState.AddModelError(string.Empty, t["Someone else changed this option while you were editing it, so your change was not saved. The option below is as they left it; your input is kept in the form. Check it and save again."]);
        return Page();
    }

    private async Task<IActionResult?> CheckAsync(Guid optionId, bool write)
    {
        var head = await db.CpOptions.AsNoTracking()
            .Where(o => o.Id == optionId)
            .Select(o => new { o.ProgrammeId, o.CompanyId, Country = db.Companies.Where(c => c.Id == o.CompanyId).Select(c => c.Country).FirstOrDefault() })
            .SingleOrDefaultAsync();
        if (head is null)
        {
            return NotFound();
        }

        var (access, refused) = await accessControl.CompanyAsync(this, head.ProgrammeId, head.CompanyId, write ? Operation.WorkOnCompany : Operation.SeeCompany);
        if (refused is not null)
        {
            return refused;
        }

        (Access, Country) = (access!, head.Country ?? string.Empty);
        return null;
    }

    /// <summary>
    /// Loads the option (tracked, to change it), the company's worksheets in the programme (one split query whatever
    /// their number) and the emission factors, computes the reductions, and fills every form but the one being kept.
    /// </summary>
    private async Task LoadAsync(Guid optionId, string? keep = null)
    {
        Option = await db.CpOptions.SingleAsync(o => o.Id == optionId);
        Version = db.Entry(Option).Property<uint>("Version").CurrentValue;
        var (programmeId, companyId) = (Option.ProgrammeId, Option.CompanyId);
        var sheets = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .OrderBy(w => w.Name).ThenBy(w => w.CreatedAt)
            .ToListAsync();
        Worksheets = sheets.Select(w => w.Snapshot()).ToList();
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        var byId = Worksheets.ToDictionary(w => w.WorksheetId);
        (Computed, Lines) = EnvironmentalEvaluation.Compute(Option.Links, byId, factors, Country);
        Effective = Option.EnteredReductions.Over(Computed);
        // The option's findings from the worksheets and factors just read: only their reviews are read.
        var assessment = OptionAssessment.Of(OptionsRegister.SnapshotOf(Option, byId, factors, Country));
        Findings = FindingsBlock.For(CompanyFindings.OfOptions([assessment], await CompanyFindings.ReviewsAsync(db, programmeId, companyId, HttpContext.RequestAborted), t), showWhere: false, Access);

        Details = keep == nameof(Details) ? Details : OptionDetailsInput.From(Option, Version);
        Plan = keep == nameof(Plan) ? Plan : PlanInput.From(Option, Version);
        Links = keep == nameof(Links) ? Links : LinksInput.From(Option, StreamChoices(), Version);
        Entered = keep == nameof(Entered) ? Entered : ReductionsInput.From(Option.EnteredReductions, Version);
        Technical = keep == nameof(Technical) ? Technical : TechnicalInput.From(Option.Technical, Version, t);
        Move = keep == nameof(Move) ? Move : new MoveInput { Version = Version };
    }

    /// <summary>Every material and energy stream of the company's worksheets, in worksheet order.</summary>
    public IReadOnlyList<StreamChoice> StreamChoices() => StreamChoice.Of(Worksheets, t);

    /// <summary>The linked-stream rows of a posted form in the order shown (the row a checkbox belongs to).</summary>
    public LinkRow? PostedRow(StreamChoice c) =>
        Links.Rows.FirstOrDefault(r => r.WorksheetId == c.WorksheetId && r.StreamId == c.StreamId && r.IsEnergy == c.IsEnergy);
}
