using System.Globalization;
using System.Runtime.InteropServices;
using StudyBot.Benchmarks;

// StudyBot's benchmarks: a Stopwatch harness (warm-up, then repeated or interleaved runs against a reference
// measured in the same run), not BenchmarkDotNet: the figures are throughput and tail latency of concurrent,
// I/O-bound paths (fsync, loopback HTTP, child processes), which BenchmarkDotNet's per-invocation model does not
// measure. Usage: dotnet run -c Release --project tests/StudyBot.Benchmarks -- [p1|p2|p3|p4|p5|p6|all] [--quick]
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.ToLowerInvariant()).ToHashSet();
var quick = args.Contains("--quick");
if (selected.Count == 0 || selected.Contains("all"))
{
    selected = ["p1", "p2", "p3", "p4", "p5", "p6"];
}

#if DEBUG
Console.Error.WriteLine("Warning: a Debug build. Run with -c Release for figures worth publishing.");
#endif

Console.WriteLine(Machine());
var figures = new List<Figure>();
async Task Run(string id, Func<Task<Figure[]>> benchmark)
{
    if (!selected.Contains(id))
    {
        return;
    }

    Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {id.ToUpperInvariant()} ... (load {Load()})");
    var result = await benchmark();
    figures.AddRange(result);
    foreach (var f in result)
    {
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {f.Id}: {Table.Number(f.Value)} {f.Unit} {(f.Met ? "met" : "MISSED")} {f.Notes}");
    }
}

await Run("p1", async () => [await AnswerBenchmarks.ThroughputAsync(quick ? 2_000 : 10_000, quick ? 1 : 3)]);
await Run("p2", async () => [await AnswerBenchmarks.LatencyAsync(2_000, TimeSpan.FromSeconds(quick ? 3 : 10))]);
await Run("p3", async () => [await FanOutBenchmark.RunAsync(quick ? 500 : Arg("--p3-groups", 5_000))]);
await Run("p4", async () => quick
    ? [await LeaderboardBenchmark.RunAsync(10_000, 10, 5_000, 10)]
    : [await LeaderboardBenchmark.RunAsync(100_000, 50, 50_000, 1)]);
await Run("p5", async () => [await ExamBenchmark.RunAsync(1_000, TimeSpan.FromSeconds(quick ? 6 : 20))]);
await Run("p6", () => FootprintBenchmark.RunAsync(1_000, quick ? 1 : 3));

Console.WriteLine();
Console.WriteLine(Table.Render(figures));
Console.WriteLine($"load average at the end: {Load()}");
return figures.All(f => f.Met) ? 0 : 1;

int Arg(string name, int fallback) =>
    args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal)) is { } a
        ? int.Parse(a[(name.Length + 1)..], CultureInfo.InvariantCulture)
        : fallback;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Machine()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    var memory = File.Exists("/proc/meminfo")
        ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(':', 2)[1].Trim()
        : "n/a";
    return $"machine: {Environment.ProcessorCount} cores, {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, memory {memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average at start: {Load()}";
}
