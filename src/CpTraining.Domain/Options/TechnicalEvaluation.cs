namespace CpTraining.Domain.Options;

/// <summary>One criterion of the technical evaluation: a weight (relative, &gt; 0) and a score from 1 (poor) to 5 (good).</summary>
public sealed record TechnicalCriterion(string Name, decimal Weight, int? Score);

/// <summary>
/// Weighted criteria scored 1–5, and the evaluator's verdict. The weighted score is Σ weight·score ÷ Σ weight over the
/// scored criteria. An option judged technically infeasible has no economic evaluation.
/// </summary>
public sealed record TechnicalEvaluation(IReadOnlyList<TechnicalCriterion> Criteria, bool? IsFeasible, string? Notes)
{
    public const int MaxCriteria = 20;
    public const int NameMaxLength = 100;
    public const int NotesMaxLength = 2_000;

    /// <summary>The criteria of the UNIDO/UNEP feasibility checklist, equally weighted, unscored.</summary>
    public static readonly IReadOnlyList<string> StandardCriteria =
    [
        "Product quality",
        "Production capacity",
        "Space required",
        "Downtime during installation",
        "Compatibility with existing operations",
        "Operation and maintenance",
        "Training needed",
        "Health and safety",
    ];

    public static TechnicalEvaluation Standard { get; } =
        new(StandardCriteria.Select(n => new TechnicalCriterion(n, 1m, null)).ToList(), null, null);

    public decimal? WeightedScore
    {
        get
        {
            var scored = Criteria.Where(c => c.Score is not null).ToList();
            var weights = scored.Sum(c => c.Weight);
            return weights > 0 ? Math.Round(scored.Sum(c => c.Weight * c.Score!.Value) / weights, 2) : null;
        }
    }

    /// <summary>Checks names, weights and scores; the field names are Criteria[i].Name / .Weight / .Score.</summary>
    public static TechnicalEvaluation Create(IEnumerable<TechnicalCriterion> criteria, bool? isFeasible, string? notes)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var list = new List<TechnicalCriterion>();
        var i = 0;
        foreach (var c in criteria)
        {
            var name = Text.Optional(c.Name, $"Criteria[{i}].Name", NameMaxLength);
            if (name is null)
            {
                i++;
                continue; // a blank row is no criterion
            }

            if (c.Weight <= 0 || c.Weight > 100)
            {
                throw new DomainException($"Criteria[{i}].Weight", "A weight is more than 0 and at most 100.");
            }

            if (c.Score is < 1 or > 5)
            {
                throw new DomainException($"Criteria[{i}].Score", "A score is from 1 (poor) to 5 (good).");
            }

            if (list.Exists(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DomainException($"Criteria[{i}].Name", "Each criterion is listed once.");
            }

            list.Add(new TechnicalCriterion(name, c.Weight, c.Score));
            i++;
        }

        if (list.Count > MaxCriteria)
        {
            throw new DomainException("Criteria", "Use at most {0} criteria.", MaxCriteria);
        }

        return new TechnicalEvaluation(list.AsReadOnly(), isFeasible, Text.Optional(notes, "Notes", NotesMaxLength));
    }
}
