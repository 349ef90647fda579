using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// A company's balance worksheets in one programme: read by whoever may see the company, started and copied as the
/// start of a new period by those who may write them (<see cref="EnrolledCompany"/>). Programme and company come
/// from the route only.
/// </summary>
[Authorize]
public sealed class ListModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Access { get; private set; } = null!;

    public IReadOnlyList<Row> Worksheets { get; private set; } = [];

    public NewWorksheetInput Input { get; set; } = new();

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        var refused = await CheckAsync(id, companyId, write: false);
        if (refused is not null)
        {
            return refused;
        }

        Input = new NewWorksheetInput { Currency = Access.DefaultCurrency };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromRoute] Guid id, [FromRoute] Guid companyId, [Bind(Prefix = nameof(Input))] NewWorksheetInput input)
    {
        var refused = await CheckAsync(id, companyId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        Input = input;
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        Worksheet? sheet = null;
        var result = await save.SaveAsync(this, () =>
        {
            sheet = Worksheet.Create(id, companyId, input.Name, input.FocusProcess, input.Currency, time.GetUtcNow());
            db.Worksheets.Add(sheet);
            WorksheetAudit.Record(db, time, ActorId, sheet, "worksheet.created", "created");
            return Task.FromResult(true);
        });
        if (result != SaveResult.Saved)
        {
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = t["The worksheet “{0}” has been created. Add its process steps first, then the streams.", sheet!.Name].Value;
        return RedirectToPage("/Balances/Editor", new { worksheetId = sheet.Id });
    }

    /// <summary>Copies a worksheet (steps, streams, energy, the figures as they were) as the start of a new period.</summary>
    public async Task<IActionResult> OnPostCopyAsync([FromRoute] Guid id, [FromRoute] Guid companyId, Guid worksheetId)
    {
        var refused = await CheckAsync(id, companyId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        var source = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleOrDefaultAsync(w => w.Id == worksheetId && w.ProgrammeId == id && w.CompanyId == companyId);
        if (source is null)
        {
            return NotFound();
        }

        Worksheet? copy = null;
        var result = await save.SaveAsync(this, () =>
        {
            var name = t["{0} (new period)", source.Name].Value;
            copy = source.CopyForNewPeriod(name.Length <= Worksheet.NameMaxLength ? name : source.Name, time.GetUtcNow());
            db.Worksheets.Add(copy);
            WorksheetAudit.Record(db, time, ActorId, copy, "worksheet.copied", $"copied from “{source.Name}”");
            return Task.FromResult(true);
        }, new FormFields(string.Empty));
        if (result != SaveResult.Saved)
        {
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = t["“{0}” has been copied as the start of a new period; update its figures and rename it if you like.", source.Name].Value;
        return RedirectToPage("/Balances/Editor", new { worksheetId = copy!.Id });
    }

    private async Task<IActionResult?> CheckAsync(Guid id, Guid companyId, bool write)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, write ? Operation.WorkOnCompany : Operation.SeeCompany);
        Access = access ?? Access;
        return refused;
    }

    private async Task LoadAsync()
    {
        var (programmeId, companyId) = (Access.ProgrammeId, Access.CompanyId);
        var rows = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .OrderBy(w => w.Name).ThenBy(w => w.CreatedAt)
            .Select(w => new
            {
                w.Id,
                w.Name,
                w.FocusProcess,
                w.Period,
                w.BatchesPerYear,
                w.OperatingDaysPerYear,
                Steps = w.Steps.Count,
                Streams = w.Streams.Count,
                Energy = w.EnergyStreams.Count,
                w.CreatedAt,
                CopiedFrom = db.Worksheets.Where(o => o.Id == w.CopiedFromId).Select(o => o.Name).FirstOrDefault(),
            })
            .ToListAsync();
        var subjects = rows.Select(r => WorksheetAudit.Subject(r.Id)).ToList();
        var changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ProgrammeId == programmeId && subjects.Contains(a.Subject))
            .GroupBy(a => a.Subject)
            .Select(g => new { Subject = g.Key, At = g.Max(a => a.At) })
            .ToDictionaryAsync(x => x.Subject, x => x.At);
        Worksheets = rows.Select(r => new Row(
                r.Id, r.Name, r.FocusProcess, r.Period, r.BatchesPerYear, r.OperatingDaysPerYear, r.Steps, r.Streams, r.Energy,
                changes.GetValueOrDefault(WorksheetAudit.Subject(r.Id), r.CreatedAt), r.CopiedFrom))
            .ToList();
    }

    public sealed record Row(
        Guid Id, string Name, string? FocusProcess, ReportingPeriod Period, int? BatchesPerYear, int? OperatingDaysPerYear,
        int Steps, int Streams, int EnergyStreams, DateTimeOffset LastChange, string? CopiedFrom);

    public sealed class NewWorksheetInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(Worksheet.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Name")]
        public string? Name { get; set; }

        [StringLength(Worksheet.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Focus process")]
        public string? FocusProcess { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Display(Name = "Currency")]
        public string? Currency { get; set; }
    }
}
