using System.Security.Claims;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Worksheets;
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
        var read = new FormNumbers(ModelState, t, nameof(Links));
        var percents = links.Rows.Select((r, i) => r.Selected ? read.Number(r.Percent, $"Rows[{i}].Percent") : null).ToList();
        return await ChangeAsync(optionId, links.Version, nameof(Links), "links", option =>
        {
            var chosen = new List<StreamLink>();
            for (var i = 0; i < links.Rows.Count; i++)
            {
                var row = links.Rows[i];
                if (!row.Selected)
                {
                    continue;
                }

                var sheet = Worksheets.FirstOrDefault(w => w.WorksheetId == row.WorksheetId);
                var known = sheet is not null && (row.IsEnergy
                    ? sheet.EnergyStreams.Any(e => e.Id == row.StreamId)
                    : sheet.Streams.Any(s => s.Id == row.StreamId));
                if (!known)
                {
                    ModelState.AddModelError($"{nameof(Links)}.Rows", t["Only streams of this company's worksheets in this programme can be linked."]);
                    continue;
                }

                try
                {
                    chosen.Add(StreamLink.Create(row.WorksheetId, row.StreamId, row.IsEnergy, percents[i] ?? 0m, i));
                }
                catch (DomainException ex)
                {
                    ModelState.AddModelError($"{nameof(Links)}.Rows[{i}].Percent", t.Text(ex));
                }
            }

            if (read.Failed || !ModelState.IsValid)
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
        var read = new FormNumbers(ModelState, t, nameof(Entered));
        var water = read.Number(reductions.Water, nameof(ReductionsInput.Water));
        var energy = read.Number(reductions.Energy, nameof(ReductionsInput.Energy));
        var co2 = read.Number(reductions.Co2, nameof(ReductionsInput.Co2));
        var solid = read.Number(reductions.SolidWaste, nameof(ReductionsInput.SolidWaste));
        var hazardous = read.Number(reductions.HazardousWaste, nameof(ReductionsInput.HazardousWaste));
        var wastewater = read.Number(reductions.Wastewater, nameof(ReductionsInput.Wastewater));
        var raw = read.Number(reductions.RawMaterial, nameof(ReductionsInput.RawMaterial));
        var substances = reductions.Substances
            .Select((s, i) => new SubstanceReduction(s.Name ?? string.Empty, string.IsNullOrWhiteSpace(s.Name) ? 0 : read.Number(s.Kilograms, $"Substances[{i}].Kilograms") ?? 0))
            .ToList();
        return await ChangeAsync(optionId, reductions.Version, nameof(Entered), "reductions", option =>
        {
            if (read.Failed)
            {
                return null;
            }

            option.ChangeReductions(Reductions.Create(water, energy, co2, solid, hazardous, wastewater, raw, substances));
            return "entered reductions changed";
        }, OptionText.Fields(t, nameof(Entered)) with { Rename = ReductionsInput.FieldOf });
    }

    public async Task<IActionResult> OnPostTechnicalAsync(Guid optionId, [Bind(Prefix = nameof(Technical))] TechnicalInput technical)
    {
        Technical = technical;
        var read = new FormNumbers(ModelState, t, nameof(Technical));
        var criteria = new List<TechnicalCriterion>();
        for (var i = 0; i < technical.Criteria.Count; i++)
        {
            var row = technical.Criteria[i];
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                criteria.Add(new TechnicalCriterion(string.Empty, 1m, null)); // a blank row: no criterion, but it keeps the row numbers
                continue;
            }

            var weight = read.Number(row.Weight, $"Criteria[{i}].Weight");
            if (weight is null && string.IsNullOrWhiteSpace(row.Weight))
            {
                read.Refuse(new DomainException($"Criteria[{i}].Weight", "A weight is more than 0 and at most 100."));
            }

            var score = read.WholeNumber(row.Score, $"Criteria[{i}].Score");
            criteria.Add(new TechnicalCriterion(row.Name, weight ?? 0m, score));
        }

        bool? feasible = technical.IsFeasible switch { "true" => true, "false" => false, _ => null };
        return await ChangeAsync(optionId, technical.Version, nameof(Technical), "technical", option =>
        {
            if (read.Failed)
            {
                return null;
            }

            var evaluation = TechnicalEvaluation.Create(criteria, feasible, technical.Notes);
            option.EvaluateTechnically(evaluation);
            return $"technical evaluation: score {evaluation.WeightedScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, feasible {feasible?.ToString() ?? "not judged"}";
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
        (Computed, Lines) = EnvironmentalEvaluation.Compute(Option.Links, Worksheets.ToDictionary(w => w.WorksheetId), factors, Country);
        Effective = Option.EnteredReductions.Over(Computed);

        if (keep != nameof(Details))
        {
            Details = OptionDetailsInput.From(Option, Version);
        }

        if (keep != nameof(Plan))
        {
            Plan = PlanInput.From(Option, Version);
        }

        if (keep != nameof(Links))
        {
            Links = new LinksInput
            {
                Rows = StreamChoices().Select(c => Option.Links.FirstOrDefault(l => l.WorksheetId == c.WorksheetId && l.StreamId == c.StreamId && l.IsEnergy == c.IsEnergy) is { } link
                    ? new LinkRow { WorksheetId = c.WorksheetId, StreamId = c.StreamId, IsEnergy = c.IsEnergy, Selected = true, Percent = OptionText.Field(link.ReductionPercent) }
                    : new LinkRow { WorksheetId = c.WorksheetId, StreamId = c.StreamId, IsEnergy = c.IsEnergy }).ToList(),
                Version = Version,
            };
        }

        if (keep != nameof(Entered))
        {
            Entered = ReductionsInput.From(Option.EnteredReductions, Version);
        }

        if (keep != nameof(Technical))
        {
            Technical = TechnicalInput.From(Option.Technical, Version, t);
        }

        if (keep != nameof(Move))
        {
            Move = new MoveInput { Version = Version };
        }
    }

    /// <summary>Every material and energy stream of the company's worksheets, in worksheet order.</summary>
    public IReadOnlyList<StreamChoice> StreamChoices() =>
        Worksheets.SelectMany(w =>
                w.Streams.Select(s => new StreamChoice(w.WorksheetId, w.Name, s.Id, false, s.Name, StreamKind(s), EnvironmentalEvaluation.EffectOf(s),
                        EnvironmentalEvaluation.EffectOf(s) is ReductionEffect.Water or ReductionEffect.Wastewater ? s.AnnualKilograms / (s.Quantity.Density ?? EnvironmentalEvaluation.WaterDensity) : s.AnnualKilograms / 1_000m,
                        EnvironmentalEvaluation.EffectOf(s) is ReductionEffect.Water or ReductionEffect.Wastewater ? t["m³/yr"] : t["t/yr"]))
                    .Concat(w.EnergyStreams.Select(e => new StreamChoice(w.WorksheetId, w.Name, e.Id, true, e.Name ?? WorksheetText.Carrier(t, e.Carrier), WorksheetText.Carrier(t, e.Carrier), ReductionEffect.Energy, e.AnnualMegawattHours, t["MWh/yr"]))))
            .ToList();

    /// <summary>The linked-stream rows of a posted form in the order shown (the row a checkbox belongs to).</summary>
    public LinkRow? PostedRow(StreamChoice c) =>
        Links.Rows.FirstOrDefault(r => r.WorksheetId == c.WorksheetId && r.StreamId == c.StreamId && r.IsEnergy == c.IsEnergy);

    private string StreamKind(StreamSnapshot s) => s.Direction switch
    {
        StreamDirection.Input => Capitalised(t["input"]),
        StreamDirection.Output => s.OutputClass is { } c ? WorksheetText.OutputClassName(t, c) : Capitalised(t["output"]),
        _ => Capitalised(t["internal"]),
    };

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.CurrentCulture) + text[1..];

    public sealed record StreamChoice(
        Guid WorksheetId, string WorksheetName, Guid StreamId, bool IsEnergy, string Name, string Kind, ReductionEffect Effect, decimal AnnualFlow, string FlowUnit);
}
