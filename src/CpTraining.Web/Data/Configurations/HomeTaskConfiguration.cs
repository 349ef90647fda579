using CpTraining.Domain.HomeTasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class TaskTemplateConfiguration : IEntityTypeConfiguration<TaskTemplate>
{
    public void Configure(EntityTypeBuilder<TaskTemplate> b)
    {
        b.ToTable("task_templates");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Title).HasMaxLength(TaskTemplate.TitleMaxLength).IsRequired();
        b.Property(t => t.Instructions).HasMaxLength(TaskTemplate.InstructionsMaxLength).IsRequired();

        // A combination of flags: stored as its integer, not as a string like single-valued enums.
        b.Property(t => t.Attachments).HasConversion<int>();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(t => new { t.ProgrammeId, t.AfterSession, t.Position });
        b.HasOne<Domain.Programmes.Programme>().WithMany().HasForeignKey(t => t.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HomeTaskConfiguration : IEntityTypeConfiguration<HomeTask>
{
    public void Configure(EntityTypeBuilder<HomeTask> b)
    {
        b.ToTable("home_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Title).HasMaxLength(TaskTemplate.TitleMaxLength).IsRequired();
        b.Property(t => t.Instructions).HasMaxLength(TaskTemplate.InstructionsMaxLength).IsRequired();
        b.Property(t => t.AssignedBy).HasMaxLength(450).IsRequired();
        b.Property(t => t.Attachments).HasConversion<int>(); // flags, as for templates
        b.Ignore(t => t.TakesWorksheet);
        b.Ignore(t => t.InstructionFileIds);
        b.Property<Guid[]>("_instructionFileIds").HasColumnName("instruction_file_ids").IsRequired();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(t => new { t.ProgrammeId, t.AfterSession });
        b.HasOne<Domain.Programmes.Programme>().WithMany().HasForeignKey(t => t.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TaskTemplate>().WithMany().HasForeignKey(t => t.TemplateId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.ToTable("submissions", t => t.HasCheckConstraint("ck_submissions_owner", "company_id IS NOT NULL OR user_id IS NOT NULL"));
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.DraftText).HasMaxLength(Submission.TextMaxLength);
        b.Property(s => s.LastSavedBy).HasMaxLength(450);
        b.Property(s => s.ExtensionReason).HasMaxLength(Submission.ReasonMaxLength);
        b.Property(s => s.ExtendedBy).HasMaxLength(450);
        b.Ignore(s => s.DraftFileIds);
        b.Ignore(s => s.EffectiveDueDate);
        b.Ignore(s => s.ClosesAfter);
        b.Ignore(s => s.LatestVersion);
        b.Ignore(s => s.IsOpen);
        b.Ignore(s => s.IsExtended);
        b.Property<Guid[]>("_draftFileIds").HasColumnName("draft_file_ids").IsRequired();

        // Two engineers saving the same draft: the second save is refused (xmin) and shown the first one's text.
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(s => s.HomeTaskId);
        b.HasIndex(s => new { s.ProgrammeId, s.CompanyId });
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => new { s.HomeTaskId, s.CompanyId }).IsUnique().HasFilter("user_id IS NULL");
        b.HasIndex(s => new { s.HomeTaskId, s.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasOne<HomeTask>().WithMany().HasForeignKey(s => s.HomeTaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Companies.Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Domain.Balances.Worksheet>().WithMany().HasForeignKey(s => s.WorksheetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.StreamComments).WithOne().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.StreamComments).HasField("_streamComments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(s => s.Reviews).WithOne().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.Reviews).HasField("_reviews").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SubmissionVersionConfiguration : IEntityTypeConfiguration<SubmissionVersion>
{
    public void Configure(EntityTypeBuilder<SubmissionVersion> b)
    {
        b.ToTable("submission_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Text).HasMaxLength(Submission.TextMaxLength).IsRequired();
        b.Property(v => v.SubmittedBy).HasMaxLength(450).IsRequired();
        b.Ignore(v => v.FileIds);
        b.Property<Guid[]>("_fileIds").HasColumnName("file_ids").IsRequired();
        b.Property(v => v.Worksheet).HasJsonConversion();
        b.Property(v => v.Options).HasJsonConversion();
        b.HasIndex(v => new { v.SubmissionId, v.Number }).IsUnique();

        // The database refuses a second version from the same form even if two requests race past the check.
        b.HasIndex(v => new { v.SubmissionId, v.IdempotencyKey }).IsUnique();
    }
}

internal sealed class StreamCommentConfiguration : IEntityTypeConfiguration<StreamComment>
{
    public void Configure(EntityTypeBuilder<StreamComment> b)
    {
        b.ToTable("stream_comments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Text).HasMaxLength(StreamComment.TextMaxLength).IsRequired();
        b.Property(c => c.AuthorId).HasMaxLength(450).IsRequired();
        b.HasIndex(c => new { c.SubmissionId, c.VersionNumber });
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Feedback).HasMaxLength(Submission.FeedbackMaxLength);
        b.Property(r => r.ReviewerId).HasMaxLength(450).IsRequired();
        b.HasIndex(r => new { r.SubmissionId, r.VersionNumber });
    }
}

internal sealed class PresentationConfiguration : IEntityTypeConfiguration<Presentation>
{
    public void Configure(EntityTypeBuilder<Presentation> b)
    {
        b.ToTable("presentations", t => t.HasCheckConstraint("ck_presentations_minutes", "minutes BETWEEN 5 AND 120"));
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.PresenterUserId).HasMaxLength(450);
        b.Ignore(p => p.End);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(p => new { p.ProgrammeId, p.SessionNumber, p.Position });
        b.HasIndex(p => p.SubmissionId).IsUnique();
        b.HasOne<Submission>().WithMany().HasForeignKey(p => p.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.PresenterUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
