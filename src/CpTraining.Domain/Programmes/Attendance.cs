namespace CpTraining.Domain.Programmes;

public enum AttendanceStatus
{
    Present,
    Absent,
    Excused,
}

/// <summary>Whether one participant was at one day of a session.</summary>
public sealed class AttendanceMark
{
    private AttendanceMark()
    {
        UserId = RecordedBy = string.Empty;
    }

    internal AttendanceMark(Guid sessionId, string userId, int day, AttendanceStatus status, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        UserId = userId;
        Day = day;
        Status = status;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public string UserId { get; private set; }

    /// <summary>1-based day of the session.</summary>
    public int Day { get; private set; }

    public AttendanceStatus Status { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    internal void Change(AttendanceStatus status, string recordedBy, DateTimeOffset at)
    {
        Status = status;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }
}

/// <summary>Counts of marks and the attendance rate: present days over marked days (excused days count as not present).</summary>
public sealed record AttendanceRate(int Present, int Absent, int Excused)
{
    public int Marked => Present + Absent + Excused;

    /// <summary>Present / marked, 0–1; null when nothing is marked yet.</summary>
    public double? Rate => Marked == 0 ? null : (double)Present / Marked;

    public static AttendanceRate Of(IEnumerable<AttendanceStatus> marks)
    {
        int present = 0, absent = 0, excused = 0;
        foreach (var mark in marks)
        {
            switch (mark)
            {
                case AttendanceStatus.Present: present++; break;
                case AttendanceStatus.Absent: absent++; break;
                default: excused++; break;
            }
        }

        return new AttendanceRate(present, absent, excused);
    }
}
