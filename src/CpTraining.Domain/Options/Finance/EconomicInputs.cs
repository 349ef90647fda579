namespace CpTraining.Domain.Options;

/// <summary>One line of an option's investment breakdown (equipment, installation, training, …).</summary>
public sealed record InvestmentLine(string Description, decimal Amount);

/// <summary>
/// What the engineer changes in one year of the cash-flow grid, in today's prices (escalated like the savings):
/// <paramref name="Savings"/> replaces the net annual savings of that year when given (a ramp-up year, a year of
/// reduced output), <paramref name="ExtraCosts"/> adds running costs, <paramref name="Replacement"/> is a one-off
/// capital cost (a mid-life replacement of a pump, a membrane, a catalyst).
/// </summary>
public sealed record YearAmounts(int Year, decimal? Savings, decimal ExtraCosts, decimal Replacement);

/// <summary>
/// A grant, subsidy or incentive: <paramref name="AmountPerYear"/> received in each of <paramref name="Years"/> years
/// from <paramref name="FirstYear"/> on (year 0 = with the investment). A grant is money received, never a negative
/// investment; it is a nominal amount and does not escalate.
/// </summary>
public sealed record GrantLine(string Description, decimal AmountPerYear, int FirstYear, int Years);

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

    /// <summary>
    /// What the equipment is worth at the end of the lifetime, received at the end of the last year (not escalated).
    /// Negative for a decommissioning cost (dismantling, disposal, site clean-up) that exceeds any resale value.
    /// </summary>
    public decimal SalvageValue
    {
        get;
        init
        {
            if (Math.Abs(value) > MaximumAmount)
            {
                throw new DomainException(
                    nameof(SalvageValue), "The salvage value must lie between −{0:N0} and {0:N0}.", MaximumAmount);
            }

            field = value;
        }
    }

    /// <summary>The year-by-year changes to the annual figures (at most one entry per year, years 1 … lifetime).</summary>
    public IReadOnlyList<YearAmounts> YearOverrides
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var seen = new HashSet<int>();
            foreach (var year in value)
            {
                ArgumentNullException.ThrowIfNull(year);
                var name = $"YearOverrides[{year.Year}]";
                if (year.Year is < 1 or > MaximumLifetimeYears || !seen.Add(year.Year))
                {
                    throw new DomainException(name, "Year {0} cannot be changed: the grid covers years 1 to the lifetime, once each.", year.Year);
                }

                if (year.Savings is { } savings && Math.Abs(savings) > MaximumAmount)
                {
                    throw new DomainException(name + ".Savings", "An annual amount must lie between −{0:N0} and {0:N0}.", MaximumAmount);
                }

                if (year.ExtraCosts < 0 || year.ExtraCosts > MaximumAmount)
                {
                    throw new DomainException(name + ".ExtraCosts", "A cost must lie between 0 and {0:N0}; enter a saving as savings.", MaximumAmount);
                }

                if (year.Replacement < 0 || year.Replacement > MaximumAmount)
                {
                    throw new DomainException(name + ".Replacement", "A cost must lie between 0 and {0:N0}; enter a saving as savings.", MaximumAmount);
                }
            }

            field = [.. value.OrderBy(y => y.Year)];
        }
    } = [];

    /// <summary>Grants, subsidies and incentives, each its own line.</summary>
    public IReadOnlyList<GrantLine> Grants
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var grant in value)
            {
                if (grant is null || string.IsNullOrWhiteSpace(grant.Description))
                {
                    throw new DomainException(nameof(Grants), "Every grant needs a description (who gives it, for what).");
                }

                if (grant.AmountPerYear <= 0 || grant.AmountPerYear > MaximumAmount)
                {
                    throw new DomainException(nameof(Grants), "The grant \"{0}\" must be a positive amount of at most {1:N0}.", grant.Description, MaximumAmount);
                }

                if (grant.FirstYear is < 0 or > MaximumLifetimeYears || grant.Years is < 1 or > MaximumLifetimeYears + 1)
                {
                    throw new DomainException(nameof(Grants), "The grant \"{0}\" needs a first year from 0 and at least one year.", grant.Description);
                }
            }

            field = [.. value];
        }
    } = [];

    /// <summary>The share of the investment (net of the grants received in year 0) paid with a loan, 0 to 1.</summary>
    public decimal DebtShare
    {
        get;
        init
        {
            if (value is < 0 or > 1)
            {
                throw new DomainException(nameof(DebtShare), "The debt share must be between 0 and 100 %.");
            }

            field = value;
        }
    }

    /// <summary>The loan's interest rate a year.</summary>
    public decimal DebtInterestRate { get; init => field = Rate(value, nameof(DebtInterestRate)); }

    /// <summary>The loan's term in years; repaid in equal annual payments (an annuity) at the end of years 1 … term.</summary>
    public int DebtTermYears
    {
        get;
        init
        {
            if (value is < 0 or > MaximumLifetimeYears)
            {
                throw new DomainException(nameof(DebtTermYears), "The loan term must be between {0} and {1} years.", 1, MaximumLifetimeYears);
            }

            field = value;
        }
    }

    /// <summary>Income tax rate on the company's profit, 0 to under 1; 0 = figures before tax only.</summary>
    public decimal IncomeTaxRate
    {
        get;
        init
        {
            if (value is < 0 or >= 1)
            {
                throw new DomainException(nameof(IncomeTaxRate), "The income tax rate must be at least 0 % and below 100 %.");
            }

            field = value;
        }
    }

    /// <summary>Years over which the investment is depreciated straight-line for tax; null = the lifetime.</summary>
    public int? DepreciationYears
    {
        get;
        init
        {
            if (value is < 1 or > MaximumLifetimeYears)
            {
                throw new DomainException(nameof(DepreciationYears), "The depreciation period must be between {0} and {1} years.", 1, MaximumLifetimeYears);
            }

            field = value;
        }
    }

    /// <summary>The year whose prices the amounts are in ("today's money"); null when not stated.</summary>
    public int? PriceYear
    {
        get;
        init
        {
            if (value is < 1950 or > 2200)
            {
                throw new DomainException(nameof(PriceYear), "Enter the year of the prices as four digits, e.g. {0}.", 2026);
            }

            field = value;
        }
    }

    /// <summary>MIRR finance rate (the rate paid on the negative cash flows); null = <see cref="DiscountRate"/>.</summary>
    public decimal? FinanceRate { get; init => field = value is { } rate ? Rate(rate, nameof(FinanceRate)) : null; }

    /// <summary>MIRR reinvestment rate (the rate earned on the positive cash flows); null = <see cref="DiscountRate"/>.</summary>
    public decimal? ReinvestRate { get; init => field = value is { } rate ? Rate(rate, nameof(ReinvestRate)) : null; }

    /// <summary>True when part of the investment is paid with a loan.</summary>
    public bool HasDebt => DebtShare > 0;

    /// <summary>True when the figures after income tax are wanted.</summary>
    public bool HasTax => IncomeTaxRate > 0;

    /// <summary>The depreciation period used: <see cref="DepreciationYears"/> or the lifetime.</summary>
    public int EffectiveDepreciationYears => DepreciationYears ?? LifetimeYears;

    /// <summary>
    /// Checks what one property alone cannot: the grid, the grants, the loan and the depreciation period all fit in
    /// the lifetime. Called by <see cref="EconomicEvaluation.Evaluate"/>.
    /// </summary>
    public void CheckConsistency()
    {
        foreach (var year in YearOverrides)
        {
            if (year.Year > LifetimeYears)
            {
                throw new DomainException($"YearOverrides[{year.Year}]", "Year {0} is beyond the lifetime of {1} years.", year.Year, LifetimeYears);
            }
        }

        foreach (var grant in Grants)
        {
            if (grant.FirstYear + grant.Years - 1 > LifetimeYears)
            {
                throw new DomainException(nameof(Grants), "The grant \"{0}\" runs beyond the lifetime of {1} years.", grant.Description, LifetimeYears);
            }
        }

        if (HasDebt && (DebtTermYears < 1 || DebtTermYears > LifetimeYears))
        {
            throw new DomainException(nameof(DebtTermYears), "The loan term must be between 1 year and the lifetime of {0} years.", LifetimeYears);
        }

        if (DepreciationYears > LifetimeYears)
        {
            throw new DomainException(nameof(DepreciationYears), "The depreciation period must not exceed the lifetime of {0} years.", LifetimeYears);
        }
    }

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
