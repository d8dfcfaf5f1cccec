using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StudyBot.App.Hosting;
using StudyBot.App.Local;

namespace StudyBot.Tests.Hosting;

public sealed class StartupValidationTests
{
    private static async Task<OptionsValidationException> StartFailsAsync(params string[] args)
    {
        var builder = StudyBotHost.CreateBuilder(args, new LocalConsole(new StringReader(string.Empty), new StringWriter()));
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task BadTimeZone_StopsTheHostNamingTheKey()
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var error = await StartFailsAsync($"--Bank:Path={bank}", $"--Database:Path={database}", "--LocalChannel:TimeZone=Mars/Base");

        Assert.Contains("LocalChannel:TimeZone 'Mars/Base' is not an IANA time zone (for example America/Chicago or Europe/London).", error.Failures);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task MissingBank_StopsTheHostNamingTheKey()
    {
        var (folder, _, database) = LocalSession.Workspace();

        var error = await StartFailsAsync("--Bank:Path=/no/such/bank", $"--Database:Path={database}");

        Assert.Contains(error.Failures, f => f.StartsWith("Bank:Path (/no/such/bank): /no/such/bank: no such file or folder", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task MalformedBank_StopsTheHostWithFileAndLine()
    {
        var (folder, bank, database) = LocalSession.Workspace(LocalSession.TestBank.Replace("answer: B", "answer: F", StringComparison.Ordinal));

        var error = await StartFailsAsync($"--Bank:Path={bank}", $"--Database:Path={database}");

        Assert.Contains(error.Failures, f => f.EndsWith("bank.yaml:12: answer 'F' must be one of A, B, C, D", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SeveralBadSettings_AreAllReportedAtOnce()
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var error = await StartFailsAsync(
            $"--Bank:Path={bank}", $"--Database:Path={database}", "--LocalChannel:DailyAt=25:00", "--LocalChannel:WeekStart=Funday");

        Assert.Contains("LocalChannel:DailyAt '25:00' must be a 24-hour time such as 09:00.", error.Failures);
        Assert.Contains("LocalChannel:WeekStart 'Funday' must be a day of the week such as Monday.", error.Failures);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("Exams", typeof(StudyBot.Exams.ExamOptions))]
    [InlineData("Practice", typeof(StudyBot.Practice.PracticeOptions))]
    public void ShippedSettings_StateEveryDefaultTheCodeUses(string section, Type options)
    {
        var builder = StudyBotHost.CreateBuilder([], new LocalConsole(new StringReader(string.Empty), new StringWriter()));
        var shipped = builder.Configuration.GetSection(section);
        var defaults = Activator.CreateInstance(options)!;

        foreach (var property in options.GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(shipped.GetSection(property.Name).Exists(), $"config/appsettings.json has no {section}:{property.Name}");
            Assert.Equal(property.GetValue(defaults), shipped.GetSection(property.Name).Get(property.PropertyType));
        }
    }

    [Theory]
    [InlineData("--Exams:TopScoresShown=99", "Exams:TopScoresShown must be 0-25")]
    [InlineData("--Practice:DesiredRetention=2", "Practice:DesiredRetention must be 0.70-0.99")]
    public async Task BadExamOrPracticeSetting_StopsTheHostNamingTheKey(string setting, string failure)
    {
        var (folder, bank, database) = LocalSession.Workspace();

        var error = await StartFailsAsync($"--Bank:Path={bank}", $"--Database:Path={database}", setting);

        Assert.Contains(error.Failures, f => f.StartsWith(failure, StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ProblemsInSeveralSections_AreAllListedBeforeAnythingStarts()
    {
        var (folder, _, database) = LocalSession.Workspace();
        using var host = StudyBotHost.CreateBuilder(
            ["--Bank:Path=/no/such/bank", $"--Database:Path={database}", "--LocalChannel:TimeZone=Mars/Base", "--Daily:PointsPerCorrectAnswer=0"],
            new LocalConsole(new StringReader(string.Empty), new StringWriter())).Build();

        var problems = StudyBotHost.ConfigurationProblems(host.Services);

        Assert.Contains(problems, p => p.StartsWith("Bank:Path (/no/such/bank)", StringComparison.Ordinal));
        Assert.Contains("LocalChannel:TimeZone 'Mars/Base' is not an IANA time zone (for example America/Chicago or Europe/London).", problems);
        Assert.Contains("Daily:PointsPerCorrectAnswer must be at least 1 (was 0).", problems);
        Assert.False(File.Exists(database), "nothing may be created when the configuration is bad");
        Directory.Delete(folder, recursive: true);
    }
}
