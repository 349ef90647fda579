using System.Security.Claims;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// The balance worksheet editor: details and reporting period, process steps, material streams and energy streams,
/// each with the entry as typed beside its annual figure. Every form carries the worksheet's row version (xmin);
/// every save touches the worksheet row, so a save made after someone else's change, to any part of the worksheet,
/// is refused with a message and the user's input kept. Numbers are read in the user's culture; every refusal is
/// shown next to its field.
/// </summary>
[Authorize]
public sealed class EditorModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Access { get; private set; } = null!;

    public Worksheet Sheet { get; private set; } = null!;

    /// <summary>The row version of the worksheet as shown; every form posts it back.</summary>
    public uint Version { get; private set; }

    public DetailsInput Details { get; set; } = new();

    public StepInput Step { get; set; } = new();

    public StreamInput Stream { get; set; } = new();

    public EnergyInput Energy { get; set; } = new();

    /// <summary>A save was refused because the worksheet changed meanwhile.</summary>
    public bool Conflict { get; private set; }

    /// <summary>The form a refused post came from (its prefix), shown open with the input kept; null on a GET.</summary>
    public string? ActiveForm { get; private set; }

    public string StepName(Guid? stepId) =>
        stepId is { } id ? Sheet.Steps.FirstOrDefault(s => s.Id == id)?.Name ?? string.Empty : t["System boundary"];

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(Guid worksheetId, Guid? step, Guid? stream, Guid? energy)
    {
        var refused = await CheckAsync(worksheetId, write: false);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(worksheetId);
        Details = DetailsInput.From(Sheet, Version);
        Step = step is { } s && Sheet.Steps.FirstOrDefault(x => x.Id == s) is { } found ? StepInput.From(found, Version) : new StepInput();
        Stream = stream is { } m && Sheet.Streams.FirstOrDefault(x => x.Id == m) is { } ms ? StreamInput.From(ms, Version) : new StreamInput();
        Energy = energy is { } e && Sheet.EnergyStreams.FirstOrDefault(x => x.Id == e) is { } es ? EnergyInput.From(es, Version) : new EnergyInput();
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid worksheetId, [Bind(Prefix = nameof(Details))] DetailsInput details)
    {
        Details = details;
        var read = new FormNumbers(ModelState, t, nameof(Details));
        var batches = read.WholeNumber(details.BatchesPerYear, "BatchesPerYear");
        var days = read.WholeNumber(details.OperatingDaysPerYear, "OperatingDaysPerYear");
        var tolerance = read.Number(details.ClosureTolerancePercent, "ClosureTolerancePercent");
        return await ChangeAsync(worksheetId, details.Version, nameof(Details), "details", sheet =>
        {
            if (read.Failed)
            {
                return null;
            }

            sheet.ChangeDetails(details.Name, details.FocusProcess, details.DataSourceNotes, details.Currency);
            sheet.ChangePeriod(details.Period!.Value, batches, days);
            sheet.ChangeClosureTolerance(tolerance!.Value);
            return "details changed";
        });
    }

    /// <summary>Adds a step (no id) or renames one and sets its accumulation.</summary>
    public async Task<IActionResult> OnPostSaveStepAsync(Guid worksheetId, [Bind(Prefix = nameof(Step))] StepInput step)
    {
        Step = step;
        var read = new FormNumbers(ModelState, t, nameof(Step));
        var density = read.Number(step.AccumulationDensity, "AccumulationDensity");
        var accumulation = string.IsNullOrWhiteSpace(step.Accumulation)
            ? null
            : read.Quantity(step.Accumulation, step.AccumulationUnit, density, null, null, "Accumulation");
        return await ChangeAsync(worksheetId, step.Version, nameof(Step), "steps", sheet =>
        {
            if (read.Failed)
            {
                return null;
            }

            var saved = step.StepId is { } id ? RenameStep(sheet, id, step.Name) : sheet.AddStep(step.Name);
            sheet.SetAccumulation(saved.Id, accumulation);
            return step.StepId is null ? $"step “{saved.Name}” added" : $"step “{saved.Name}” changed";
        });
    }

    public async Task<IActionResult> OnPostMoveStepAsync(Guid worksheetId, Guid stepId, int position, uint version)
    {
        Step = new StepInput();
        return await ChangeAsync(worksheetId, version, nameof(Step), "steps", sheet =>
        {
            sheet.MoveStep(stepId, position);
            return $"step moved to position {position}";
        });
    }

    public async Task<IActionResult> OnPostRemoveStepAsync(Guid worksheetId, Guid stepId, uint version)
    {
        Step = new StepInput();
        return await ChangeAsync(worksheetId, version, nameof(Step), "steps", sheet =>
        {
            var name = sheet.Steps.FirstOrDefault(s => s.Id == stepId)?.Name;
            sheet.RemoveStep(stepId);
            return $"step “{name}” removed";
        });
    }

    /// <summary>Adds a material stream (no id) or changes one.</summary>
    public async Task<IActionResult> OnPostSaveStreamAsync(Guid worksheetId, [Bind(Prefix = nameof(Stream))] StreamInput stream)
    {
        Stream = stream;
        var spec = stream.ToSpec(new FormNumbers(ModelState, t, nameof(Stream)));
        return await ChangeAsync(worksheetId, stream.Version, nameof(Stream), "streams", sheet =>
        {
            if (spec is null)
            {
                return null;
            }

            if (stream.StreamId is { } id)
            {
                sheet.ChangeStream(id, spec);
                return $"stream “{spec.Name?.Trim()}” changed";
            }

            sheet.AddStream(spec);
            return $"stream “{spec.Name?.Trim()}” added";
        });
    }

    public async Task<IActionResult> OnPostRemoveStreamAsync(Guid worksheetId, Guid streamId, uint version)
    {
        Stream = new StreamInput();
        return await ChangeAsync(worksheetId, version, nameof(Stream), "streams", sheet =>
        {
            var name = sheet.Streams.FirstOrDefault(s => s.Id == streamId)?.Name;
            sheet.RemoveStream(streamId);
            return $"stream “{name}” removed";
        });
    }

    /// <summary>Adds an energy stream (no id) or changes one.</summary>
    public async Task<IActionResult> OnPostSaveEnergyAsync(Guid worksheetId, [Bind(Prefix = nameof(Energy))] EnergyInput energy)
    {
        Energy = energy;
        var spec = energy.ToSpec(new FormNumbers(ModelState, t, nameof(Energy)));
        return await ChangeAsync(worksheetId, energy.Version, nameof(Energy), "energy", sheet =>
        {
            if (spec is null)
            {
                return null;
            }

            if (energy.EnergyStreamId is { } id)
            {
                sheet.ChangeEnergyStream(id, spec);
                return "energy stream changed";
            }

            sheet.AddEnergyStream(spec);
            return "energy stream added";
        });
    }

    public async Task<IActionResult> OnPostRemoveEnergyAsync(Guid worksheetId, Guid energyStreamId, uint version)
    {
        Energy = new EnergyInput();
        return await ChangeAsync(worksheetId, version, nameof(Energy), "energy", sheet =>
        {
            sheet.RemoveEnergyStream(energyStreamId);
            return "energy stream removed";
        });
    }

    private static ProcessStep RenameStep(Worksheet sheet, Guid stepId, string? name)
    {
        sheet.RenameStep(stepId, name);
        return sheet.Steps.First(s => s.Id == stepId);
    }

    /// <summary>
    /// Every form's save (<see cref="SaveFlow"/>): refuse users who may not write (before anything else), then load the
    /// worksheet, check the form's row version, apply the change through the domain and save it with the worksheet
    /// row. <paramref name="change"/> returns what it did for the audit log, or null when the form could not be read.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Guid worksheetId, uint version, string prefix, string section, Func<Worksheet, string?> change)
    {
        var refused = await CheckAsync(worksheetId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        ActiveForm = prefix;
        var result = !ModelState.IsValid ? SaveResult.Refused : await save.SaveAsync(this, async () =>
        {
            await LoadAsync(worksheetId);
            save.Expect(Sheet, version);
            if (change(Sheet) is not { } what)
            {
                return false;
            }

            // Steps, streams and energy live in their own tables: updating the worksheet row as well makes PostgreSQL
            // check (and advance) its xmin for every change, so no part of the worksheet is overwritten unseen.
            db.Entry(Sheet).Property(w => w.Name).IsModified = true;
            WorksheetAudit.Record(db, time, ActorId, Sheet, "worksheet.changed", what);
            return true;
        }, FormNumbers.Fields(prefix));
        if (result == SaveResult.Saved)
        {
            TempData["Success"] = t["Your changes have been saved."].Value;
            return RedirectToPage("/Balances/Editor", null, new { worksheetId }, section);
        }

        await LoadAsync(worksheetId);
        return result == SaveResult.Conflict ? ShowConflict() : Page();
    }

    private PageResult ShowConflict()
    {
        Conflict = true;
        ModelState.AddModelError(string.Empty, t["Someone else changed this worksheet while you were editing it, so your change was not saved. The worksheet below is as they left it; your input is kept in the form. Check it and save again."]);
        return Page();
    }

    private async Task<IActionResult?> CheckAsync(Guid worksheetId, bool write)
    {
        var access = await WorksheetCompany.LoadAsync(db, accessControl, worksheetId);
        if (access is null)
        {
            return NotFound();
        }

        if (!(write ? access.MayEdit : access.MayView))
        {
            return Forbid();
        }

        Access = access;
        return null;
    }

    private async Task LoadAsync(Guid worksheetId)
    {
        Sheet = await db.Worksheets
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleAsync(w => w.Id == worksheetId);
        Version = db.Entry(Sheet).Property<uint>("Version").CurrentValue;
    }
}
