using System.Diagnostics;
using System.Globalization;

namespace StudyBot.Benchmarks;

/// <summary>P6: the real program (studybot.dll from src/StudyBot's own build output) started as a child
/// process on the local channel with many groups declared in configuration, each scheduled in Quartz's
/// persistent store at start. Ready = the local channel's first line, which it writes only after every other
/// hosted service (migrations, group scheduling, Quartz) has started.</summary>
internal static class FootprintBenchmark
{
    public static async Task<Figure[]> RunAsync(int groups, int starts)
    {
        using var scratch = new Scratch("p6");
        var args = new List<string> { ProgramPath(), $"--Database:Path={scratch.File("studybot.db")}" };
        for (var i = 0; i < groups; i++)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--Groups:{i}:Id=guild-{i:0000}"));
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--Groups:{i}:ChannelId={310000000000000000 + i}"));
            args.Add($"--Groups:{i}:TimeZone={Zones[i % Zones.Length]}");
        }

        // The first start creates the database, Quartz's tables and every trigger; it is reported, not targeted.
        var (first, _) = await StartAsync(args, measureMemory: false);
        var times = new List<double>();
        double rssMb = 0;
        for (var run = 0; run < starts; run++)
        {
            var (ready, rss) = await StartAsync(args, measureMemory: run == starts - 1);
            times.Add(ready);
            rssMb = Math.Max(rssMb, rss);
        }

        var start = Median.Of(times);
        return
        [
            new Figure("P6a", $"resident memory, idle, {groups:#,0} groups configured", rssMb, "MB", "≤ 150 MB", rssMb <= 150)
            {
                Notes = "VmRSS of the child process 5 s after ready (local channel, Quartz running, GC default: workstation concurrent)",
            },
            new Figure("P6b", "start to ready (child process, existing database)", start, "s", "≤ 2 s", start <= 2)
            {
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"median of {starts} starts ({string.Join(", ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s); first start on an empty database {first:0.00} s; `dotnet studybot.dll` from process start to the first line"),
            },
        ];
    }

    private static readonly string[] Zones = ["UTC", "America/Chicago", "America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata"];

    private static async Task<(double ReadySeconds, double RssMb)> StartAsync(List<string> args, bool measureMemory)
    {
        var info = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(args[0])!,
        };
        info.Environment.Remove("STUDYBOT_DISCORD__TOKEN");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var ready = clock.Elapsed.TotalSeconds;
        if (line is null || !line.StartsWith("StudyBot local channel", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"P6: the bot did not start: {line} {await errors}");
        }

        double rss = 0;
        if (measureMemory)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            rss = ResidentMb(process.Id);
        }

        _ = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("/quit");
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (ready, rss);
    }

    /// <summary>The program's own output folder: the copy beside this benchmark resolves its framework
    /// assemblies through the benchmark's ASP.NET Core reference, which studybot.dll does not have.</summary>
    private static string ProgramPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StudyBot.sln")))
        {
            dir = dir.Parent;
        }

#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var path = Path.Combine(dir?.FullName ?? ".", "src", "StudyBot", "bin", Configuration, "net10.0", "studybot.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/StudyBot first", path);
    }

    private static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024;
    }
}
