namespace CpTraining.Domain.Options;

/// <summary>One line of an option's investment breakdown (equipment, installation, training, …).</summary>
public sealed record InvestmentLine(string Description, decimal Amount);

/// <summary>
/// What an engineer enters for the economic evaluation of a Cleaner Production option. Immutable; every property
/// checks its value when set (also through <c>with</c>) and refuses a bad one with a <see cref="DomainException"/>
/// whose field is the property's name. Money is in the programme's currency; rates are fractions (0.05 = 5 %).
/// <para>
/// Annual savings are entered in today's money (year-0 prices) per kind. A positive saving lowers the company's
/// costs; a negative one raises them (e.g. more energy used). <see cref="Maintenance"/> is entered the other way
/// round, as a cost: a positive number is extra maintenance and is subtracted from the savings.
/// </para>
/// </summary>
public sealed record EconomicInputs
{
    /// <summary>The largest money amount accepted for the investment total, a savings line or the salvage value (10¹²).</summary>
    public const decimal MaximumAmount = 1_000_000_000_000m;

    /// <summary>The longest project lifetime accepted, in years.</summary>
    public const int MaximumLifetimeYears = 50;

    /// <summary>The highest discount, finance or reinvestment rate accepted (1000 %).</summary>
    public const decimal MaximumRate = 10m;

    /// <summary>The highest annual escalation of savings accepted (100 % a year).</summary>
    public const decimal MaximumEscalation = 1m;

    /// <summary>The investment breakdown; its total is spent at year 0. Empty for a no-cost option.</summary>
    public IReadOnlyList<InvestmentLine> Investment
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var total = 0m;
            foreach (var line in value)
            {
                if (line is null || string.IsNullOrWhiteSpace(line.Description))
                {
                    throw new DomainException(nameof(Investment), "Every investment line needs a description.");
                }

                if (line.Amount < 0)
                {
                    throw new DomainException(
                        nameof(Investment), "The investment line \"{0}\" must not be negative.", line.Description);
                }

                if (line.Amount > MaximumAmount || total + line.Amount > MaximumAmount)
                {
                    throw new DomainException(
                        nameof(Investment), "The investment must not exceed {0:N0} in total.", MaximumAmount);
                }

                total += line.Amount;
            }

            field = [.. value];
        }
    } = [];

    /// <summary>Annual saving on raw materials and auxiliary materials.</summary>
    public decimal RawMaterials { get; init => field = Saving(value, nameof(RawMaterials)); }

    /// <summary>Annual saving on energy.</summary>
    public decimal Energy { get; init => field = Saving(value, nameof(Energy)); }

    /// <summary>Annual saving on water.</summary>
    public decimal Water { get; init => field = Saving(value, nameof(Water)); }

    /// <summary>Annual saving on waste and wastewater fees.</summary>
    public decimal WasteFees { get; init => field = Saving(value, nameof(WasteFees)); }

    /// <summary>Annual saving on labour.</summary>
    public decimal Labour { get; init => field = Saving(value, nameof(Labour)); }

    /// <summary>Annual EXTRA maintenance cost caused by the option: positive = more cost, subtracted from the savings.</summary>
    public decimal Maintenance { get; init => field = Saving(value, nameof(Maintenance)); }

    /// <summary>Other annual savings.</summary>
    public decimal Other { get; init => field = Saving(value, nameof(Other)); }

    /// <summary>Project lifetime in years, 1 to <see cref="MaximumLifetimeYears"/>.</summary>
    public required int LifetimeYears
    {
        get;
        init
        {
            if (value is < 1 or > MaximumLifetimeYears)
            {
                throw new DomainException(
                    nameof(LifetimeYears), "The lifetime must be between {0} and {1} years.", 1, MaximumLifetimeYears);
            }

            field = value;
        }
    }

    /// <summary>Discount rate for NPV, discounted payback and the benefit–cost ratio; above −100 %.</summary>
    public required decimal DiscountRate { get; init => field = Rate(value, nameof(DiscountRate)); }

    /// <summary>
    /// Annual escalation of the savings, e.g. 0.03 when energy and material prices rise 3 % a year; above −100 %.
    /// Savings are entered in year-0 prices and escalate from year 1 onwards: savings in year t = S·(1 + e)^t.
    /// This is RETScreen's convention ("The costs and credits are given in year 0 terms, thus the inflation rate
    /// (or the escalation rate) is applied from year 1 onwards; the timing of cash flows occurs at the end of the
    /// year" — RETScreen International, Clean Energy Project Analysis: RETScreen Engineering &amp; Cases Textbook,
    /// Introduction chapter, pp. 57–65, quoted at https://www.saecanet.com/20100716/saecanet_calculation_page.php?pagenumber=688).
    /// </summary>
    public decimal Escalation
    {
        get;
        init
        {
            if (value <= -1 || value > MaximumEscalation)
            {
                throw new DomainException(
                    nameof(Escalation), "The escalation must be above −100 % and at most {0:P0} a year.", MaximumEscalation);
            }

            field = value;
        }
    }

    /// <summary>What the equipment is worth at the end of the lifetime, received at the end of the last year (not escalated).</summary>
    public decimal SalvageValue
    {
        get;
        init
        {
            if (value < 0 || value > MaximumAmount)
            {
                throw new DomainException(
                    nameof(SalvageValue), "The salvage value must be between 0 and {0:N0}.", MaximumAmount);
            }

            field = value;
        }
    }

    /// <summary>MIRR finance rate (the rate paid on the negative cash flows); null = <see cref="DiscountRate"/>.</summary>
    public decimal? FinanceRate { get; init => field = value is { } rate ? Rate(rate, nameof(FinanceRate)) : null; }

    /// <summary>MIRR reinvestment rate (the rate earned on the positive cash flows); null = <see cref="DiscountRate"/>.</summary>
    public decimal? ReinvestRate { get; init => field = value is { } rate ? Rate(rate, nameof(ReinvestRate)) : null; }

    /// <summary>The total of the investment lines.</summary>
    public decimal TotalInvestment => Investment.Sum(line => line.Amount);

    /// <summary>Net annual savings in year-0 prices: the six saving lines minus the extra maintenance cost.</summary>
    public decimal NetAnnualSavings => RawMaterials + Energy + Water + WasteFees + Labour + Other - Maintenance;

    public decimal EffectiveFinanceRate => FinanceRate ?? DiscountRate;

    public decimal EffectiveReinvestRate => ReinvestRate ?? DiscountRate;

    private static decimal Saving(decimal value, string field)
    {
        if (Math.Abs(value) > MaximumAmount)
        {
            throw new DomainException(field, "An annual amount must lie between −{0:N0} and {0:N0}.", MaximumAmount);
        }

        return value;
    }

    private static decimal Rate(decimal value, string field)
    {
        if (value <= -1)
        {
            throw new DomainException(field, "The rate must be above −100 %.");
        }

        if (value > MaximumRate)
        {
            throw new DomainException(field, "The rate must not exceed {0:P0}.", MaximumRate);
        }

        return value;
    }
}
