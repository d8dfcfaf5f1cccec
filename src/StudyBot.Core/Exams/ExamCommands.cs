using System.Globalization;
using System.Text;
using NodaTime.Text;
using StudyBot.Chat;
using StudyBot.Daily;
using StudyBot.Groups;
using StudyBot.Interactions;
using StudyBot.Questions;
using StudyBot.Time;

namespace StudyBot.Exams;

/// <summary>/exam: schedule, list, cancel, join, resume, practice, results, leaderboard and privacy.</summary>
public sealed class ExamCommand(GroupLookup lookup, ExamService service, ExamSitting sitting, IExamStore exams, ExamBlueprint blueprint, TimeProvider time) : ICommandHandler
{
    private const int BoardSize = 10;

    private static readonly LocalDateTimePattern[] StartPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"),
    ];

    private static readonly CommandOptionDefinition AreasOption =
        new("areas", "Only these content areas, comma-separated keys such as icd-10-cm,hcpcs-level-ii (default: the whole blueprint)");

    public CommandDefinition Definition { get; } = new(
        "exam",
        "Timed mock CPC exams: sit the group's exam or practise alone",
        [],
        [
            new SubcommandDefinition(
                "schedule",
                "Schedule a group mock exam",
                [
                    new CommandOptionDefinition("start", "Start, group-local: yyyy-MM-dd HH:mm (or yyyy-MM-ddTHH:mm, or now)", Required: true),
                    new CommandOptionDefinition("questions", "Number of questions (default 100)", CommandOptionKind.Number, MinValue: 1, MaxValue: 500),
                    new CommandOptionDefinition("minutes", "Time limit in minutes (default: the blueprint's pace, 240 for 100 questions)", CommandOptionKind.Number, MinValue: 5, MaxValue: 600),
                    AreasOption,
                ],
                AdminOnly: true),
            new SubcommandDefinition("list", "Show the group's scheduled and running exams", []),
            new SubcommandDefinition("cancel", "Cancel a scheduled or running group exam", [new CommandOptionDefinition("exam", "The exam number from /exam list", CommandOptionKind.Number)], AdminOnly: true),
            new SubcommandDefinition("join", "Join the group's running exam", [new CommandOptionDefinition("exam", "The exam number, when several are listed", CommandOptionKind.Number)]),
            new SubcommandDefinition("resume", "Go back to your exam in progress, where you left it", []),
            new SubcommandDefinition(
                "practice",
                "Start a timed practice exam on your own",
                [
                    new CommandOptionDefinition("questions", "Number of questions (default 20)", CommandOptionKind.Number, MinValue: 1, MaxValue: 500),
                    new CommandOptionDefinition("minutes", "Time limit in minutes (default: the blueprint's pace)", CommandOptionKind.Number, MinValue: 5, MaxValue: 600),
                    AreasOption,
                ]),
            new SubcommandDefinition("results", "Your private score report for your latest scored exam", []),
            new SubcommandDefinition("leaderboard", "The group's mock exam board", []),
            new SubcommandDefinition(
                "privacy",
                "Choose whether your name appears in exam results and on the exam board",
                [new CommandOptionDefinition("named", "yes: show my name; no: count me without my name", Required: true, Choices: [new("yes", "yes"), new("no", "no")])]),
        ]);

    public async Task<InteractionResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (group, hint) = await lookup.FindAsync(request.Context, cancellationToken);
        if (group is null)
        {
            return new ReplyResponse(hint!);
        }

        var context = request.Context;
        switch (request.Subcommand?.ToLowerInvariant())
        {
            case "schedule":
                return await ScheduleAsync(request, group, cancellationToken);
            case "list":
                return await ListAsync(context, group, cancellationToken);
            case "cancel":
                return await CancelAsync(request, group, cancellationToken);
            case "join":
                return TryNumber(request, "exam", 1, long.MaxValue, out var examId, out var problem)
                    ? await sitting.JoinAsync(context, group, examId, cancellationToken)
                    : Reply(problem!);
            case "resume":
                return await sitting.ResumeAsync(context, group, cancellationToken);
            case "practice":
                var shape = Shape(request, service.Options.DefaultPracticeQuestions);
                return shape.Problem is not null
                    ? Reply(shape.Problem)
                    : await sitting.PracticeAsync(context, group, shape.Questions, shape.Duration, shape.Areas, cancellationToken);
            case "results":
                return await sitting.ResultsAsync(context, group, cancellationToken);
            case "leaderboard":
                return await LeaderboardAsync(group, cancellationToken);
            default:
                return await PrivacyAsync(request, group, cancellationToken);
        }
    }

    private async Task<InteractionResponse> ScheduleAsync(CommandRequest request, StudyGroup group, CancellationToken cancellationToken)
    {
        var text = request.Option("start")?.Trim() ?? string.Empty;
        DateTimeOffset start;
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            start = time.GetUtcNow();
        }
        else if (StartPatterns.Select(p => p.Parse(text)).FirstOrDefault(r => r.Success) is { } parsed)
        {
            start = parsed.Value.InZoneLeniently(GroupCalendar.Zone(group.TimeZoneId)).ToDateTimeOffset();
        }
        else
        {
            return Reply($"I can't read the start '{text}'. Give it as yyyy-MM-dd HH:mm in the group's time zone ({group.TimeZoneId}), for example `start:2030-06-01T09:00`, or `now`.");
        }

        var shape = Shape(request, service.Options.DefaultQuestions);
        return shape.Problem is not null
            ? Reply(shape.Problem)
            : new ReplyResponse(await service.ScheduleAsync(group, request.Context.User, start, shape.Questions, shape.Duration, shape.Areas, cancellationToken));
    }

    private async Task<InteractionResponse> ListAsync(ChatContext context, StudyGroup group, CancellationToken cancellationToken)
    {
        var upcoming = await exams.UpcomingAsync(group.Id, cancellationToken);
        var registered = (await exams.RegisteredExamsAsync(group.Id, context.User.Id, cancellationToken)).ToHashSet();
        var body = new StringBuilder();
        foreach (var exam in upcoming)
        {
            var state = exam.Status == ExamStatus.Open ? $"open now, closes {ExamMessages.When(exam.EndsAt, group)}" : $"starts {ExamMessages.When(exam.StartsAt, group)}";
            var mine = await exams.FindAttemptAsync(exam.Id, context.User.Id, cancellationToken) is { } attempt
                ? attempt.Status == AttemptStatus.Submitted ? " · you submitted" : " · you are sitting it"
                : registered.Contains(exam.Id) ? " · you are registered" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"#{exam.Id}: {DailyMessages.Plural(exam.QuestionCount, "question")}, {ExamMessages.Duration(exam.Duration)}, {state}{mine}\n");
        }

        if (upcoming.Count == 0)
        {
            body.Append("No mock exams are scheduled. Admins schedule one with `/exam schedule`; practise on your own with `/exam practice`.");
        }

        if (await exams.HasUnseenReportAsync(group.Id, context.User.Id, cancellationToken))
        {
            body.Append("\nYour latest exam has been scored: see your report with `/exam results`.");
        }

        return new ReplyResponse(ChatMessage.Private("Mock exams", body.ToString().TrimEnd()));
    }

    private async Task<InteractionResponse> CancelAsync(CommandRequest request, StudyGroup group, CancellationToken cancellationToken)
    {
        if (!TryNumber(request, "exam", 1, long.MaxValue, out var examId, out var problem))
        {
            return Reply(problem!);
        }

        var upcoming = await exams.UpcomingAsync(group.Id, cancellationToken);
        if (examId is null && upcoming.Count > 1)
        {
            return Reply($"Several exams are coming up ({string.Join(", ", upcoming.Select(e => "#" + e.Id))}). Say which: `/exam cancel exam:{upcoming[0].Id}`.");
        }

        var exam = examId is { } id ? upcoming.FirstOrDefault(e => e.Id == id) : (upcoming.Count > 0 ? upcoming[0] : null);
        if (exam is null)
        {
            return Reply(examId is null ? "There is no scheduled or running exam to cancel." : $"Exam #{examId} is not scheduled or running in this group. `/exam list` shows what is.");
        }

        return Reply(await service.CancelAsync(group, exam, cancellationToken)
            ? $"Cancelled exam #{exam.Id}; the channel has been told."
            : $"Exam #{exam.Id} had already closed or been cancelled.");
    }

    private async Task<InteractionResponse> LeaderboardAsync(StudyGroup group, CancellationToken cancellationToken)
    {
        var rows = await exams.BoardAsync(group.Id, BoardSize, cancellationToken);
        var unnamed = await exams.UnnamedMembersAsync(group.Id, cancellationToken);
        var body = new StringBuilder();
        if (rows.Count == 0)
        {
            body.Append("No group exams have been scored yet.");
        }

        var place = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            place = i > 0 && rows[i - 1].BestPermille == row.BestPermille ? place : i + 1;
            var name = unnamed.Contains(row.UserId) ? "A member who keeps their name private" : row.DisplayName;
            var average = row.TotalQuestions == 0 ? 0 : (double)row.TotalCorrect / row.TotalQuestions;
            body.Append(CultureInfo.InvariantCulture,
                $"{place}. {name} — best {row.BestPermille / 10.0:0.#}% · average {ExamMessages.Percent(average)} · {DailyMessages.Plural(row.Exams, "exam")}, {DailyMessages.Plural(row.Passes, "pass")}\n");
        }

        return new ReplyResponse(new ChatMessage("Mock exam board", body.ToString().TrimEnd(), [], [], Ephemeral: false));
    }

    private async Task<InteractionResponse> PrivacyAsync(CommandRequest request, StudyGroup group, CancellationToken cancellationToken)
    {
        var named = request.Option("named")?.Trim().ToLowerInvariant();
        if (named is not ("yes" or "no"))
        {
            return Reply("Say `named:yes` to be named in exam results, or `named:no` to be counted without your name.");
        }

        await exams.SetNamedAsync(group.Id, request.Context.User.Id, named == "yes", cancellationToken);
        return Reply(named == "yes"
            ? "Your name will appear in exam results and on the exam board."
            : "Your name will no longer appear in exam results or on the exam board; your scores still count in the group's numbers.");
    }

    /// <summary>Questions, time limit and areas from the options; the default time keeps the blueprint's pace.</summary>
    private (int Questions, TimeSpan Duration, IReadOnlyCollection<ContentArea>? Areas, string? Problem) Shape(CommandRequest request, int defaultQuestions)
    {
        if (!TryNumber(request, "questions", 1, service.Options.MaxQuestions, out var questions, out var problem)
            || !TryNumber(request, "minutes", 5, 600, out var minutes, out problem))
        {
            return (0, TimeSpan.Zero, null, problem);
        }

        var count = (int)(questions ?? defaultQuestions);
        var duration = minutes is { } m
            ? TimeSpan.FromMinutes(m)
            : TimeSpan.FromMinutes(Math.Max(5, Math.Ceiling(blueprint.TimeLimit.TotalMinutes * count / Math.Max(1, blueprint.TotalQuestions))));

        List<ContentArea>? areas = null;
        if (request.Option("areas") is { } text && !string.IsNullOrWhiteSpace(text))
        {
            areas = [];
            foreach (var key in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ContentAreas.TryParse(key, out var area))
                {
                    return (0, TimeSpan.Zero, null, $"'{key}' is not a content area. Use keys from: {ContentAreas.KeyList}.");
                }

                areas.Add(area);
            }
        }

        return (count, duration, areas, null);
    }

    private static bool TryNumber(CommandRequest request, string option, long min, long max, out long? value, out string? problem)
    {
        value = null;
        problem = null;
        var text = request.Option(option);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            problem = $"{option} must be a whole number from {min} to {(max == long.MaxValue ? "up" : max.ToString(CultureInfo.InvariantCulture))} (was '{text}').";
            return false;
        }

        value = number;
        return true;
    }

    private static ReplyResponse Reply(string text) => new(ChatMessage.Private(text));
}

/// <summary>Clicks on exam screens: answers, navigation, flags, review and submit.</summary>
public sealed class ExamScreenButtons(ExamSitting sitting) : IComponentHandler
{
    public string Prefix => ExamMessages.ScreenPrefix;

    public Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken) =>
        ExamMessages.TryParseButton(click.CustomId, out var button)
            ? sitting.ClickAsync(click.Context, button, cancellationToken)
            : Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("That button is not one I made. Use `/exam resume` to get your current screen.")));
}

/// <summary>Paging through a score report.</summary>
public sealed class ExamReportButtons(ExamSitting sitting) : IComponentHandler
{
    public string Prefix => ExamMessages.ReportPrefix;

    public Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken) =>
        ExamMessages.TryParseReportButton(click.CustomId, out var attemptId, out var page)
            ? sitting.ReportPageAsync(click.Context, attemptId, page, cancellationToken)
            : Task.FromResult<InteractionResponse>(new ReplyResponse(ChatMessage.Private("That button is not one I made. `/exam results` shows your latest report.")));
}

/// <summary>The Join button on exam announcements.</summary>
public sealed class ExamJoinButton(GroupLookup lookup, ExamSitting sitting) : IComponentHandler
{
    public string Prefix => ExamMessages.JoinPrefix;

    public async Task<InteractionResponse> HandleAsync(ComponentClick click, CancellationToken cancellationToken)
    {
        if (!ExamMessages.TryParseJoinButton(click.CustomId, out var examId))
        {
            return new ReplyResponse(ChatMessage.Private("That button is not one I made. Use `/exam join`."));
        }

        var (group, hint) = await lookup.FindAsync(click.Context, cancellationToken);
        return group is null ? new ReplyResponse(hint!) : await sitting.JoinAsync(click.Context, group, examId, cancellationToken);
    }
}
