namespace CpTraining.Domain.Checks;

/// <summary>
/// A trainer's or coordinator's word that a warning has been looked at: one per programme, company, subject (what the
/// finding is about, e.g. "option/{id}") and rule, with a required comment, who and when. It stays attached to the
/// rule and the subject, so the finding shows as reviewed for as long as it is raised; marking it again replaces the
/// comment.
/// </summary>
public sealed class FindingReview
{
    public const int SubjectMaxLength = 200;
    public const int RuleMaxLength = 100;
    public const int CommentMaxLength = 2_000;
    public const int NameMaxLength = 200;

    private FindingReview()
    {
        SubjectKey = Rule = Comment = ReviewedBy = ReviewedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    public string SubjectKey { get; private set; }

    public string Rule { get; private set; }

    public string Comment { get; private set; }

    public string ReviewedBy { get; private set; }

    public string ReviewedByName { get; private set; }

    public DateTimeOffset ReviewedAt { get; private set; }

    public static FindingReview Mark(Guid programmeId, Guid companyId, string subjectKey, string rule, string? comment, string userId, string userName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        if (subjectKey.Length > SubjectMaxLength || rule.Length > RuleMaxLength)
        {
            throw new ArgumentException("The subject or the rule is too long.");
        }

        var review = new FindingReview
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            CompanyId = companyId,
            SubjectKey = subjectKey,
            Rule = rule,
        };
        review.Change(comment, userId, userName, now);
        return review;
    }

    /// <summary>Replaces the comment: the latest reviewer's word stands.</summary>
    public void Change(string? comment, string userId, string userName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Comment = Text.Required(comment, nameof(Comment), CommentMaxLength);
        ReviewedBy = userId;
        ReviewedByName = string.IsNullOrWhiteSpace(userName) ? userId : userName.Trim()[..Math.Min(userName.Trim().Length, NameMaxLength)];
        ReviewedAt = now;
    }
}
