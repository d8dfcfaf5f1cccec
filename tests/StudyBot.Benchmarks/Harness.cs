using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StudyBot.Benchmarks;

/// <summary>One measured figure: what was measured, the reference measured in the same run (when the issue
/// asks for one), the ratio, the target and whether it was met.</summary>
internal sealed record Figure(string Id, string Name, double Value, string Unit, string Target, bool Met)
{
    public double? Reference { get; init; }

    public double? Ratio { get; init; }

    public string Notes { get; init; } = string.Empty;
}

/// <summary>Formats figures as one Markdown table, the same in the terminal and in the README.</summary>
internal static class Table
{
    public static string Render(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | figure | measured | reference (same run) | ratio | target | result | notes |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {f.Id} | {f.Name} | {Number(f.Value)} {f.Unit} | ");
            text.Append(f.Reference is { } r ? Number(r) + " " + f.Unit : "-");
            text.Append(" | ");
            text.Append(f.Ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) : "-");
            text.AppendLine(CultureInfo.InvariantCulture, $" | {f.Target} | {(f.Met ? "met" : "**missed**")} | {f.Notes} |");
        }

        return text.ToString();
    }

    public static string Number(double value) => value switch
    {
        >= 1000 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}

/// <summary>Latency samples in ticks of <see cref="Stopwatch"/>; percentiles in milliseconds.</summary>
internal sealed class Latencies(int capacity)
{
    private readonly long[] samples = new long[capacity];
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Add(long ticks) => samples[Interlocked.Increment(ref count) - 1] = ticks;

    public double Percentile(double p)
    {
        var sorted = samples.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return Ms(sorted[Math.Clamp(index, 0, sorted.Length - 1)]);
    }

    public double Max => Count == 0 ? double.NaN : Ms(samples.AsSpan(0, Count).ToArray().Max());

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>A scratch folder on the same file system as the system temp folder, deleted afterwards.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), "studybot-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}

internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
