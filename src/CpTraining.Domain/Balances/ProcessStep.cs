namespace CpTraining.Domain.Balances;

/// <summary>
/// A unit operation of the focus process ("washing", "dyeing", "rinsing"). Steps are linked by the streams between
/// them; <see cref="Position"/> is the order the engineer lists (and the Sankey diagram draws) them in.
/// </summary>
public sealed class ProcessStep
{
    public const int NameMaxLength = 200;

    private ProcessStep()
    {
        Name = string.Empty;
    }

    internal ProcessStep(Guid worksheetId, string name, int position)
    {
        Id = Guid.NewGuid();
        WorksheetId = worksheetId;
        Name = name;
        Position = position;
    }

    public Guid Id { get; private set; }

    public Guid WorksheetId { get; private set; }

    public string Name { get; internal set; }

    /// <summary>1-based order within the worksheet.</summary>
    public int Position { get; internal set; }

    /// <summary>
    /// Material stored in the step per period, as entered (e.g. a tank filling up); negative when stock is drawn
    /// down. Null: no accumulation.
    /// </summary>
    public Quantity? Accumulation { get; internal set; }

    /// <summary>kg/yr; 0 without an accumulation.</summary>
    public decimal AnnualAccumulationKilograms { get; internal set; }
}
