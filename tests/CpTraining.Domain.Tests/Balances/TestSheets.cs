using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Tests.Balances;

internal static class TestSheets
{
    public static readonly Guid ProgrammeId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid CompanyId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    public static readonly DateTimeOffset Now = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    public static Worksheet New(string name = "Dyeing line") => Worksheet.Create(ProgrammeId, CompanyId, name, "Reactive dyeing", "UAH", Now);

    public static Quantity T(decimal tonnes) => Quantity.Of(tonnes, Unit.Tonne);

    public static Quantity Kg(decimal kg) => Quantity.Of(kg, Unit.Kilogram);

    public static MaterialStream In(this Worksheet w, ProcessStep to, string name, Quantity q, decimal? uncertainty = null, string? material = null, UnitPrice? price = null) =>
        w.AddStream(new StreamSpec(name, material ?? name, null, to.Id, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null, PurchasePrice: price));

    public static MaterialStream Out(
        this Worksheet w, ProcessStep from, string name, Quantity q, OutputClass oc = OutputClass.Product, decimal? uncertainty = null, string? material = null, UnitPrice? fee = null) =>
        w.AddStream(new StreamSpec(name, material ?? name, from.Id, null, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null, OutputClass: oc, DisposalFee: fee));

    public static MaterialStream Link(this Worksheet w, ProcessStep from, ProcessStep to, string name, Quantity q, decimal? uncertainty = null) =>
        w.AddStream(new StreamSpec(name, name, from.Id, to.Id, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null));
}
