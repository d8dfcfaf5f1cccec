using StudyBot.CodeSets;
using StudyBot.Data.Stores;
using StudyBot.Questions;
using StudyBot.Questions.Import;

namespace StudyBot.App.Cli;

/// <summary><c>studybot bank validate|import|export</c>.</summary>
public static class BankVerbs
{
    public static async Task<int> ValidateAsync(IEnumerable<string> args, TextWriter output, TextWriter errors)
    {
        var (parsed, error) = CliArguments.Parse(args, "format", "area", "codes", "hcpcs");
        if (Positional(parsed, error, "a bank file or folder") is { } usage)
        {
            return await CliVerbs.UsageErrorAsync(errors, "bank validate", usage);
        }

        if (!TryArea(parsed!, out var area, out var areaError))
        {
            return await CliVerbs.UsageErrorAsync(errors, "bank validate", areaError);
        }

        var path = parsed!.Positional[0];
        var (result, fileOf) = BankFiles.ReadWithFiles(path, parsed.Option("format"), area);
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        var codeFiles = new List<(string Option, CodeSystem System)> { ("codes", CodeSystem.Icd10Cm), ("hcpcs", CodeSystem.HcpcsLevelII) };
        var sets = new Dictionary<CodeSystem, CodeSet>();
        foreach (var (option, system) in codeFiles)
        {
            if (parsed.Option(option) is not { } codesPath)
            {
                continue;
            }

            var read = File.Exists(codesPath)
                ? CodeFiles.ReadCodeSet(codesPath)
                : new CodeSetReadResult(null, [new CodeFileProblem(codesPath, 0, "no such file")]);
            if (read.CodeSet is { } set && set.System != system)
            {
                read = new CodeSetReadResult(null, [new CodeFileProblem(codesPath, 0,
                    $"--{option} needs the {(system == CodeSystem.Icd10Cm ? "ICD-10-CM order or codes file" : "HCPCS Level II file")}, but this is {set.Release}")]);
            }

            if (read.IsValid)
            {
                sets[system] = read.CodeSet!;
            }
            else
            {
                problems.AddRange(read.Problems.Select(p => $"--{option} {p}"));
            }
        }

        var codeProblems = 0;
        if (result.IsValid && sets.TryGetValue(CodeSystem.Icd10Cm, out var icd))
        {
            foreach (var issue in BankCodeCheck.Check(result.Questions, icd, sets.GetValueOrDefault(CodeSystem.HcpcsLevelII)))
            {
                var file = fileOf.GetValueOrDefault(issue.QuestionId, path);
                problems.Add($"{file}{LineOf(path, file, issue)}: {issue.QuestionId}: {issue.Message}");
                codeProblems++;
            }
        }
        else if (result.IsValid && sets.ContainsKey(CodeSystem.HcpcsLevelII))
        {
            problems.Add("--hcpcs is checked together with --codes (the ICD-10-CM file): give both");
        }

        foreach (var problem in problems)
        {
            await output.WriteLineAsync(problem);
        }

        if (problems.Count > 0)
        {
            await output.WriteLineAsync($"{path}: {problems.Count} problem(s){(codeProblems > 0 ? $", {codeProblems} of them unknown or non-billable codes" : string.Empty)}.");
            return CliVerbs.InputProblems;
        }

        var checkedCodes = sets.Count > 0 ? $"; every code checked against {string.Join(" and ", sets.Values.Select(s => s.Release))}" : string.Empty;
        await output.WriteLineAsync($"{path}: {result.Questions.Count} questions, no problems{checkedCodes}.");
        return CliVerbs.Ok;
    }

    public static async Task<int> ImportAsync(IEnumerable<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var (parsed, error) = CliArguments.Parse(args, "group", "format", "area", "database");
        if (Positional(parsed, error, "a bank file or folder") is { } usage)
        {
            return await CliVerbs.UsageErrorAsync(errors, "bank import", usage);
        }

        if (!TryArea(parsed!, out var area, out var areaError))
        {
            return await CliVerbs.UsageErrorAsync(errors, "bank import", areaError);
        }

        var path = parsed!.Positional[0];
        var result = BankFiles.Read(path, parsed.Option("format"), area);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                await errors.WriteLineAsync(problem.ToString());
            }

            await errors.WriteLineAsync($"Nothing was imported: {path} has {result.Problems.Count} problem(s). Fix them and import again.");
            return CliVerbs.InputProblems;
        }

        var owner = Owner(parsed);
        var database = await CliVerbs.OpenDatabaseAsync(parsed.Option("database"), cancellationToken);
        var store = new SqliteImportedBankStore(database, TimeProvider.System);
        var counts = await store.SaveAsync(owner, result.Questions, Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), cancellationToken);
        await output.WriteLineAsync($"Imported {counts.Total} questions from {path} into {owner}: {counts.Added} new, {counts.Updated} updated.");
        return CliVerbs.Ok;
    }

    public static async Task<int> ExportAsync(IEnumerable<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var (parsed, error) = CliArguments.Parse(args, "group", "database");
        if (Positional(parsed, error, "a folder or a .yaml file to write") is { } usage)
        {
            return await CliVerbs.UsageErrorAsync(errors, "bank export", usage);
        }

        var target = parsed!.Positional[0];
        var owner = Owner(parsed);
        var database = await CliVerbs.OpenDatabaseAsync(parsed.Option("database"), cancellationToken);
        var questions = await new SqliteImportedBankStore(database, TimeProvider.System).ListAsync(owner, cancellationToken);
        if (questions.Count == 0)
        {
            await errors.WriteLineAsync($"Nothing to export: {owner} has no questions (database {database.FilePath}).");
            return CliVerbs.InputProblems;
        }

        if (target.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            if (Path.GetDirectoryName(Path.GetFullPath(target)) is { } parent)
            {
                Directory.CreateDirectory(parent);
            }

            await File.WriteAllTextAsync(target, BankYamlWriter.Write(questions), cancellationToken);
            await output.WriteLineAsync($"Wrote {questions.Count} questions from {owner} to {target}.");
            return CliVerbs.Ok;
        }

        // A folder: one file per content area, as the shipped bank is laid out.
        Directory.CreateDirectory(target);
        foreach (var area in questions.GroupBy(q => q.Area))
        {
            await File.WriteAllTextAsync(Path.Combine(target, area.Key.Key() + ".yaml"), BankYamlWriter.Write(area), cancellationToken);
        }

        await output.WriteLineAsync($"Wrote {questions.Count} questions from {owner} to {target} ({questions.Select(q => q.Area).Distinct().Count()} files, one per area).");
        return CliVerbs.Ok;
    }

    private static string? Positional(CliArguments? parsed, string? error, string what) =>
        error ?? (parsed!.Positional.Count switch
        {
            0 => $"give {what}",
            1 => null,
            _ => $"expected one path, got {string.Join(' ', parsed.Positional)}",
        });

    private static bool TryArea(CliArguments parsed, out ContentArea? area, out string error)
    {
        area = null;
        error = string.Empty;
        if (parsed.Option("area") is not { } key)
        {
            return true;
        }

        if (ContentAreas.TryParse(key, out var found))
        {
            area = found;
            return true;
        }

        error = $"--area '{key}' is not a content area; use one of {ContentAreas.KeyList}";
        return false;
    }

    private static BankOwner Owner(CliArguments parsed) =>
        parsed.Option("group") is { } group ? BankOwner.Group(group) : BankOwner.Shared;

    /// <summary>":line" of the code in the question's file when it can be found (after the line naming the
    /// question's id, if the file names ids), else nothing: importers keep no line numbers on questions.</summary>
    private static string LineOf(string path, string file, CodeIssue issue)
    {
        var full = File.Exists(path) ? path : Path.Combine(path, file);
        if (!File.Exists(full))
        {
            return string.Empty;
        }

        var lines = File.ReadAllLines(full);
        var start = Array.FindIndex(lines, l => l.Contains(issue.QuestionId, StringComparison.Ordinal));
        var at = Array.FindIndex(lines, Math.Max(start, 0), l => l.Contains(issue.Code, StringComparison.Ordinal));
        return at >= 0 ? $":{at + 1}" : string.Empty;
    }
}
