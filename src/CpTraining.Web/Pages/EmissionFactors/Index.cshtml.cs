using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
using Npgsql;

namespace CpTraining.Web.Pages.EmissionFactors;

/// <summary>
/// The emission factors per country and carrier: the built-in defaults (read-only, with their source) and the
/// organisation's own overrides, which administrators and coordinators add, change and remove. Everyone signed in
/// may read the table (every CO₂ figure on a balance page can be traced here). Two people changing the same
/// override: the second save is refused (PostgreSQL xmin), their input kept.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The units a factor may be per (fuels per TJ or GJ, electricity per MWh, heat per Gcal).</summary>
    public static readonly IReadOnlyList<Unit> FactorUnits = [Unit.MegawattHour, Unit.Gigajoule, Unit.Terajoule, Unit.Gigacalorie];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<EmissionFactor> Defaults => EmissionFactorCatalogue.Defaults;

    public IReadOnlyList<OverrideRow> Overrides { get; private set; } = [];

    public bool MayEdit { get; private set; }

    /// <summary>The override being changed (null: the form adds a new one).</summary>
    public Guid? Editing => Input.Id;

    public async Task<IActionResult> OnGetAsync(Guid? edit)
    {
        await LoadAsync();
        if (edit is { } id)
        {
            if (!MayEdit)
            {
                return Forbid();
            }

            var row = Overrides.FirstOrDefault(o => o.Id == id);
            if (row is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                Id = row.Id, Version = row.Version, Country = row.Country, Carrier = row.Carrier,
                TonnesCo2 = NumberParser.Write(row.TonnesCo2, CultureInfo.CurrentCulture), PerUnit = row.PerUnit, Source = row.Source,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!access.Can(Operation.CreateProgrammes))
        {
            return Forbid();
        }

        // Read in the reader's culture like every other form's numbers; a blank field is the [Required] error.
        var tonnes = new Balances.FormNumbers(ModelState, t, nameof(Input)).Number(Input.TonnesCo2, "TonnesCo2");

        if (Input.PerUnit is { } unit && !FactorUnits.Contains(unit))
        {
            ModelState.AddModelError("Input.PerUnit", t["Choose MWh, GJ, TJ or Gcal."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var country = string.IsNullOrWhiteSpace(Input.Country) ? null : Input.Country.Trim();
        var source = Input.Source!.Trim();
        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = time.GetUtcNow();
        SaveResult result;
        try
        {
            result = await save.SaveAsync(this, async () =>
            {
                if (Input.Id is { } id)
                {
                    var stored = await db.EmissionFactors.SingleOrDefaultAsync(f => f.Id == id);
                    if (stored is null)
                    {
                        ModelState.AddModelError(string.Empty, t["This factor has been removed by someone else in the meantime."]);
                        Input.Id = null;
                        return false;
                    }

                    save.Expect(stored, Input.Version);
                    var before = Describe(stored.Country, stored.Carrier, stored.TonnesCo2, stored.PerUnit);
                    stored.Change(tonnes!.Value, Input.PerUnit!.Value, source, actor, now);
                    db.Record(time, actor, null, "emission-factor.changed", Describe(stored.Country, stored.Carrier), before, Describe(stored.Country, stored.Carrier, tonnes.Value, Input.PerUnit.Value));
                    return true;
                }

                var key = country?.ToUpperInvariant();
                var carrier = Input.Carrier!.Value;
                if (await db.EmissionFactors.AnyAsync(f => f.Carrier == carrier && (key == null ? f.Country == null : f.Country!.ToUpper() == key)))
                {
                    AddDuplicate(country, carrier);
                    return false;
                }

                db.EmissionFactors.Add(new StoredEmissionFactor(country, carrier, tonnes!.Value, Input.PerUnit!.Value, source, actor, now));
                db.Record(time, actor, null, "emission-factor.added", Describe(country, carrier), null, Describe(country, carrier, tonnes.Value, Input.PerUnit.Value));
                return true;
            });
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            AddDuplicate(country, Input.Carrier!.Value);
            result = SaveResult.Refused;
        }

        if (result == SaveResult.Saved)
        {
            TempData["Success"] = t["The emission factor has been saved."].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        if (result == SaveResult.Conflict)
        {
            // Saving again replaces their values with these, knowingly; a factor removed meanwhile is added anew.
            var current = Overrides.FirstOrDefault(o => o.Id == Input.Id);
            Input.Id = current?.Id;
            Input.Version = current?.Version ?? Input.Version;
            ModelState.AddConflict(t["Someone else changed this factor while you were editing it, so your change was not saved. The table shows their values; your input is kept. Save again to replace them."], "Input.Version");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, uint version)
    {
        if (!access.Can(Operation.CreateProgrammes))
        {
            return Forbid();
        }

        var stored = await db.EmissionFactors.SingleOrDefaultAsync(f => f.Id == id);
        if (stored is null)
        {
            return NotFound();
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var result = await save.SaveAsync(this, () =>
        {
            db.EmissionFactors.Remove(save.Expect(stored, version));
            db.Record(time, actor, null, "emission-factor.removed", Describe(stored.Country, stored.Carrier), Describe(stored.Country, stored.Carrier, stored.TonnesCo2, stored.PerUnit), null);
            return Task.FromResult(true);
        });
        if (result != SaveResult.Saved)
        {
            ModelState.AddConflict(t["Someone else changed this factor in the meantime, so it was not removed. Check its new values and remove it again if you still want to."]);
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = t["The emission factor has been removed; the default applies again."].Value;
        return RedirectToPage();
    }

    public string CountryText(string? country) => country ?? t["All countries"];

    public string FactorText(decimal tonnes, Unit perUnit) => tonnes.ToString("0.######", CultureInfo.CurrentCulture) + " t CO₂/" + perUnit.Symbol();

    private void AddDuplicate(string? country, EnergyCarrier carrier) =>
        ModelState.AddModelError("Input.Carrier", t["There is already a factor for {0} and {1}; change that one instead.", CountryText(country), Balances.WorksheetText.Carrier(t, carrier)]);

    private static string Describe(string? country, EnergyCarrier carrier) => $"{country ?? "all countries"} / {carrier}";

    private static string Describe(string? country, EnergyCarrier carrier, decimal tonnes, Unit perUnit) =>
        $"{country ?? "all countries"} / {carrier}: {tonnes.ToString(CultureInfo.InvariantCulture)} t CO2/{perUnit.Symbol()}";

    private async Task LoadAsync()
    {
        MayEdit = access.Can(Operation.CreateProgrammes);
        Overrides = await db.EmissionFactors.AsNoTracking()
            .OrderBy(f => f.Country == null ? 0 : 1).ThenBy(f => f.Country).ThenBy(f => f.Carrier)
            .Select(f => new OverrideRow(f.Id, f.Country, f.Carrier, f.TonnesCo2, f.PerUnit, f.Source, f.UpdatedAt, EF.Property<uint>(f, "Version")))
            .ToListAsync();
    }

    public sealed record OverrideRow(Guid Id, string? Country, EnergyCarrier Carrier, decimal TonnesCo2, Unit PerUnit, string Source, DateTimeOffset UpdatedAt, uint Version);

    public sealed class InputModel
    {
        /// <summary>The override being changed; null adds one.</summary>
        public Guid? Id { get; set; }

        public uint Version { get; set; }

        [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Country")]
        public string? Country { get; set; }

        [Required(ErrorMessage = "Choose an energy carrier.")]
        [Display(Name = "Carrier")]
        public EnergyCarrier? Carrier { get; set; }

        /// <summary>As typed, in the reader's culture (decimal comma or point).</summary>
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(30, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "t CO₂ per unit")]
        public string? TonnesCo2 { get; set; }

        [Required(ErrorMessage = "Choose MWh, GJ, TJ or Gcal.")]
        [Display(Name = "Per unit")]
        public Unit? PerUnit { get; set; }

        [Required(ErrorMessage = "Name the source of the factor.")]
        [StringLength(StoredEmissionFactor.SourceMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Source")]
        public string? Source { get; set; }
    }
}
