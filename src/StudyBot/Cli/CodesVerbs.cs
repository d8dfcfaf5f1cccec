using StudyBot.CodeSets;
using StudyBot.Data.Stores;

namespace StudyBot.App.Cli;

/// <summary><c>studybot codes import &lt;file&gt;</c>: stores an official code set and records the release.</summary>
public static class CodesVerbs
{
    public static async Task<int> ImportAsync(IEnumerable<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var (parsed, error) = CliArguments.Parse(args, "database");
        error ??= parsed!.Positional.Count == 1 ? null : "give one CMS release file (ICD-10-CM order, codes or addenda file, or the HCPCS Level II .txt or .xlsx)";
        if (error is not null)
        {
            return await CliVerbs.UsageErrorAsync(errors, "codes import", error);
        }

        var path = parsed!.Positional[0];
        if (!File.Exists(path))
        {
            await errors.WriteLineAsync($"{path}: no such file. Nothing was imported.");
            return CliVerbs.InputProblems;
        }

        var kind = CodeFiles.Detect(path);
        var fileName = Path.GetFileName(path);
        if (kind == CodeFileKind.Icd10CmAddenda)
        {
            var addenda = Icd10CmFiles.ReadAddendaFile(path);
            if (!addenda.IsValid)
            {
                return await FailAsync(errors, path, addenda.Problems);
            }

            var database = await CliVerbs.OpenDatabaseAsync(parsed.Option("database"), cancellationToken);
            var release = await new SqliteCodeSetStore(database, TimeProvider.System).SaveAdditionsAsync(addenda, fileName, cancellationToken);
            await output.WriteLineAsync($"Imported {release}.");
            return CliVerbs.Ok;
        }

        var read = CodeFiles.ReadCodeSet(path);
        if (!read.IsValid)
        {
            return await FailAsync(errors, path, read.Problems);
        }

        var store = new SqliteCodeSetStore(await CliVerbs.OpenDatabaseAsync(parsed.Option("database"), cancellationToken), TimeProvider.System);
        var saved = await store.SaveCodeSetAsync(read.CodeSet!, kind, fileName, read.ExcludedDentalCodes, cancellationToken);
        await output.WriteLineAsync($"Imported {saved}.");
        return CliVerbs.Ok;
    }

    private static async Task<int> FailAsync(TextWriter errors, string path, IReadOnlyList<CodeFileProblem> problems)
    {
        foreach (var problem in problems)
        {
            await errors.WriteLineAsync(problem.ToString());
        }

        await errors.WriteLineAsync($"Nothing was imported: {path} has problems.");
        return CliVerbs.InputProblems;
    }
}
